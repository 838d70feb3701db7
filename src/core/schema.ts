/** zod schemas for every file under knowledge/. Shapes only; cross-file checks live in kb.ts. */
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase kebab-case (a-z, 0-9, -)');

const regexSource = z.string().min(1).superRefine((src, ctx) => {
  try {
    new RegExp(src, 'iu');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(e as Error).message}` });
  }
});

const weights = z
  .object({ django: z.number().min(0).max(10).optional(), flask: z.number().min(0).max(10).optional() })
  .strict();

export const SourcesFile = z
  .object({
    sources: z
      .array(
        z
          .object({
            id,
            title: z.string().min(1),
            publisher: z.string().min(1),
            seed: z.string().min(1),
            url: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const TopicsFile = z
  .object({ topics: z.array(z.object({ id, label: z.string().min(1) }).strict()).min(1) })
  .strict();

export const PassageSchema = z
  .object({
    id,
    text: z.string().trim().min(20, 'a passage text needs at least 20 characters').max(1200),
    topics: z.array(id).min(1, 'a passage needs at least one topic'),
    stance: z.enum(['django', 'flask', 'neutral', 'fastapi']),
    sources: z.array(id).min(1, 'every passage names at least one source'),
  })
  .strict();

export const PassagesFile = z.object({ passages: z.array(PassageSchema).min(1) }).strict();

export const ConflictsFile = z
  .object({
    conflicts: z.array(
      z
        .object({
          id,
          topic: id,
          question: z.string().min(1),
          positions: z
            .array(z.object({ claim: z.string().min(1), sources: z.array(id).min(1) }).strict())
            .min(2, 'a disagreement has at least two positions'),
          resolution: z.string().optional(),
          passages: z.array(id).min(1),
        })
        .strict(),
    ),
  })
  .strict();

export const SynonymsFile = z
  .object({ synonyms: z.array(z.array(z.string().trim().min(1)).min(2, 'a synonym group needs two or more terms')) })
  .strict();

export const RulesFile = z
  .object({
    rules: z.array(
      z
        .object({
          id,
          label: z.string().min(1).max(120),
          patterns: z.array(regexSource).min(1),
          weights,
          passages: z.array(id).min(1, 'a rule names the passages that justify it'),
          /** The dimension this rule is a value of; rules sharing a property replace each other across a thread. */
          property: id.optional(),
          /** "It depends" weight: counts against certainty on both sides (a medium scope, a team fluent in both). */
          balance: z.number().min(0).max(5).optional(),
          /** The balance counts only when one of these rules holds too (an open future matters for a small or early product). */
          balance_when: z.array(z.string()).optional(),
          negated: z
            .object({
              label: z.string().min(1),
              weights,
              passages: z.array(id).optional(),
              /** Wordings of the need's absence itself ("a handful of tables", "flat data"): read as the need negated. */
              patterns: z.array(regexSource).optional(),
            })
            .strict()
            .optional(),
        })
        .strict(),
    ),
    combos: z
      .array(
        z
          .object({
            id,
            label: z.string().min(1).max(120),
            all: z.array(id).min(2),
            weights,
            suppresses: z.array(id).default([]),
            passages: z.array(id).min(1),
          })
          .strict(),
      )
      .default([]),
    clarify: z
      .array(z.object({ id, question: z.string().min(1), decides: z.array(id).min(1) }).strict())
      .default([]),
  })
  .strict();

export const LexiconFile = z
  .object({
    lexicon: z.array(
      z
        .object({
          /** The general need these everyday words imply, named as a person would. */
          id,
          note: z.string().min(1).optional(),
          terms: z.array(z.string().trim().min(2)).min(1),
          /** Rule ids (property values) the terms imply. */
          implies: z.array(id).min(1),
        })
        .strict(),
    ),
  })
  .strict();

export const AspectsFile = z
  .object({
    aspects: z.array(
      z
        .object({
          id,
          label: z.string().min(1),
          patterns: z.array(regexSource).min(1),
          /** Generic cues ("easier", "harder") that count only when no aspect matches a pattern. */
          weak: z.array(regexSource).optional(),
          topics: z.array(id).min(1),
          favours: z.enum(['django', 'flask', 'either']),
          passages: z.array(id).min(1),
        })
        .strict(),
    ),
  })
  .strict();

export type Source = z.infer<typeof SourcesFile>['sources'][number];
export type Topic = z.infer<typeof TopicsFile>['topics'][number];
export type Passage = z.infer<typeof PassageSchema>;
export type Conflict = z.infer<typeof ConflictsFile>['conflicts'][number];
export type Rule = z.infer<typeof RulesFile>['rules'][number];
export type Combo = z.infer<typeof RulesFile>['combos'][number];
export type Clarify = z.infer<typeof RulesFile>['clarify'][number];
export type LexiconEntry = z.infer<typeof LexiconFile>['lexicon'][number];
export type Aspect = z.infer<typeof AspectsFile>['aspects'][number];
export type Weights = z.infer<typeof weights>;
