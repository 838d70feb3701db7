/**
 * Loading the knowledge base: parse every YAML file, validate it with zod, then check
 * the references between files. Any problem stops start-up with the file, the path
 * inside it and what is wrong.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { AdvisorError, ErrorCode } from '../errors.ts';
import {
  AspectsFile,
  ConflictsFile,
  LexiconFile,
  PassagesFile,
  RulesFile,
  SourcesFile,
  SynonymsFile,
  TopicsFile,
  type Aspect,
  type Clarify,
  type Combo,
  type Conflict,
  type LexiconEntry,
  type Passage,
  type Rule,
  type Source,
  type Topic,
} from './schema.ts';

export interface KnowledgeBase {
  dir: string;
  sources: Source[];
  topics: Topic[];
  passages: Passage[];
  conflicts: Conflict[];
  synonyms: string[][];
  rules: Rule[];
  combos: Combo[];
  clarify: Clarify[];
  aspects: Aspect[];
  /** Everyday words and what they imply (knowledge/lexicon.yml). */
  lexicon: LexiconEntry[];
  /** Passage file each passage came from (relative to dir), for messages. */
  passageFile: Map<string, string>;
}

export interface KbProblem {
  file: string;
  at: string;
  message: string;
}

function formatPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const part of p) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(top level)';
}

export function formatProblems(problems: KbProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.at}: ${p.message}`).join('\n');
}

function kbError(problems: KbProblem[]): AdvisorError {
  const head = problems.length === 1 ? 'The knowledge base has a problem' : `The knowledge base has ${problems.length} problems`;
  const err = new AdvisorError(ErrorCode.KnowledgeInvalid, `${head}:\n${formatProblems(problems)}`);
  (err as AdvisorError & { problems: KbProblem[] }).problems = problems;
  return err;
}

async function readYaml<S extends z.ZodType>(
  dir: string,
  rel: string,
  schema: S,
  problems: KbProblem[],
  optional = false,
): Promise<z.infer<S> | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, rel), 'utf8');
  } catch (e) {
    if (optional && (e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    problems.push({ file: rel, at: '(file)', message: `cannot be read: ${(e as Error).message}` });
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    problems.push({ file: rel, at: '(yaml)', message: (e as Error).message.split('\n')[0] ?? 'invalid YAML' });
    return undefined;
  }
  const result = schema.safeParse(data ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ file: rel, at: describeLocation(data, issue.path), message: issue.message });
    }
    return undefined;
  }
  return result.data;
}

/** "passages[3] (id flask-intro).sources" reads better than a bare index. */
function describeLocation(data: unknown, p: readonly PropertyKey[]): string {
  let cur: unknown = data;
  let out = '';
  for (const part of p) {
    if (typeof part === 'number') {
      out += `[${part}]`;
      cur = Array.isArray(cur) ? cur[part] : undefined;
      const itemId = cur && typeof cur === 'object' && 'id' in cur ? (cur as { id: unknown }).id : undefined;
      if (typeof itemId === 'string') out += ` (id ${itemId})`;
    } else {
      out += out ? `.${String(part)}` : String(part);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[String(part)] : undefined;
    }
  }
  return out || formatPath(p);
}

export interface LoadOptions {
  knowledgeDir: string;
}

export async function loadKnowledge({ knowledgeDir }: LoadOptions): Promise<KnowledgeBase> {
  const dir = path.resolve(knowledgeDir);
  const problems: KbProblem[] = [];

  const sources = await readYaml(dir, 'sources.yml', SourcesFile, problems);
  const topics = await readYaml(dir, 'topics.yml', TopicsFile, problems);
  const conflicts = await readYaml(dir, 'conflicts.yml', ConflictsFile, problems, true);
  const synonyms = await readYaml(dir, 'synonyms.yml', SynonymsFile, problems, true);
  const rules = await readYaml(dir, 'rules.yml', RulesFile, problems, true);
  const aspects = await readYaml(dir, 'aspects.yml', AspectsFile, problems, true);
  const lexicon = await readYaml(dir, 'lexicon.yml', LexiconFile, problems, true);

  let passageFiles: string[] = [];
  try {
    passageFiles = (await readdir(path.join(dir, 'passages')))
      .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
      .sort()
      .map((f) => `passages/${f}`);
  } catch (e) {
    problems.push({ file: 'passages/', at: '(folder)', message: `cannot be read: ${(e as Error).message}` });
  }
  if (passageFiles.length === 0 && !problems.some((p) => p.file === 'passages/')) {
    problems.push({ file: 'passages/', at: '(folder)', message: 'holds no .yml passage files' });
  }

  const passages: Passage[] = [];
  const passageFile = new Map<string, string>();
  for (const rel of passageFiles) {
    const file = await readYaml(dir, rel, PassagesFile, problems);
    if (!file) continue;
    file.passages.forEach((p, i) => {
      const earlier = passageFile.get(p.id);
      if (earlier) {
        problems.push({ file: rel, at: `passages[${i}] (id ${p.id})`, message: `duplicate passage id (first defined in ${earlier})` });
        return;
      }
      passageFile.set(p.id, rel);
      passages.push(p);
    });
  }

  if (problems.length > 0) throw kbError(problems);

  const kb: KnowledgeBase = {
    dir,
    sources: sources!.sources,
    topics: topics!.topics,
    passages,
    conflicts: conflicts?.conflicts ?? [],
    synonyms: (synonyms?.synonyms ?? []).map((g) => g.map((t) => t.toLowerCase())),
    rules: rules?.rules ?? [],
    combos: rules?.combos ?? [],
    clarify: rules?.clarify ?? [],
    aspects: aspects?.aspects ?? [],
    lexicon: lexicon?.lexicon ?? [],
    passageFile,
  };
  const refProblems = checkReferences(kb);
  if (refProblems.length > 0) throw kbError(refProblems);
  return kb;
}

function duplicates<T extends { id: string }>(items: T[], file: string, list: string, problems: KbProblem[]): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) problems.push({ file, at: `${list}[${i}] (id ${item.id})`, message: 'duplicate id' });
    seen.add(item.id);
  });
  return seen;
}

/** Cross-file checks: unknown sources, topics, passages and rules; duplicate ids. */
export function checkReferences(kb: KnowledgeBase): KbProblem[] {
  const problems: KbProblem[] = [];
  const sourceIds = duplicates(kb.sources, 'sources.yml', 'sources', problems);
  const topicIds = duplicates(kb.topics, 'topics.yml', 'topics', problems);
  const passageIds = new Set(kb.passages.map((p) => p.id));
  duplicates([...kb.rules, ...kb.combos], 'rules.yml', 'rules/combos', problems);
  const ruleIds = new Set(kb.rules.map((r) => r.id));
  duplicates(kb.conflicts, 'conflicts.yml', 'conflicts', problems);
  duplicates(kb.aspects, 'aspects.yml', 'aspects', problems);
  duplicates(kb.clarify, 'rules.yml', 'clarify', problems);

  const byFile = new Map<string, number>();
  for (const p of kb.passages) {
    const file = kb.passageFile.get(p.id) ?? 'passages/';
    const i = byFile.get(file) ?? 0;
    byFile.set(file, i + 1);
    const at = `passages[${i}] (id ${p.id})`;
    for (const s of p.sources) if (!sourceIds.has(s)) problems.push({ file, at: `${at}.sources`, message: `unknown source id "${s}" (not in sources.yml)` });
    for (const t of p.topics) if (!topicIds.has(t)) problems.push({ file, at: `${at}.topics`, message: `unknown topic "${t}" (not in topics.yml)` });
  }
  const needPassages = (file: string, at: string, ids: string[]) => {
    for (const id of ids) if (!passageIds.has(id)) problems.push({ file, at, message: `unknown passage id "${id}"` });
  };
  kb.rules.forEach((r, i) => {
    needPassages('rules.yml', `rules[${i}] (id ${r.id}).passages`, r.passages);
    needPassages('rules.yml', `rules[${i}] (id ${r.id}).negated.passages`, r.negated?.passages ?? []);
    const overlap = (r.negated?.passages ?? []).filter((p) => r.passages.includes(p));
    if (overlap.length > 0) problems.push({ file: 'rules.yml', at: `rules[${i}] (id ${r.id}).negated.passages`, message: `a negated need cannot cite the positive rule's passages (${overlap.join(', ')})` });
  });
  kb.rules.forEach((r, i) => {
    for (const id of r.balance_when ?? []) if (!ruleIds.has(id)) problems.push({ file: 'rules.yml', at: `rules[${i}] (id ${r.id}).balance_when`, message: `unknown rule id "${id}"` });
  });
  duplicates(kb.lexicon, 'lexicon.yml', 'lexicon', problems);
  kb.lexicon.forEach((e, i) => {
    for (const r of e.implies) if (!ruleIds.has(r)) problems.push({ file: 'lexicon.yml', at: `lexicon[${i}] (id ${e.id}).implies`, message: `unknown rule id "${r}"` });
  });
  kb.combos.forEach((c, i) => {
    needPassages('rules.yml', `combos[${i}] (id ${c.id}).passages`, c.passages);
    for (const r of [...c.all, ...c.suppresses]) {
      if (!ruleIds.has(r)) problems.push({ file: 'rules.yml', at: `combos[${i}] (id ${c.id})`, message: `unknown rule id "${r}"` });
    }
  });
  kb.clarify.forEach((c, i) => {
    for (const r of c.decides) {
      if (!ruleIds.has(r)) problems.push({ file: 'rules.yml', at: `clarify[${i}] (id ${c.id}).decides`, message: `unknown rule id "${r}"` });
    }
  });
  kb.conflicts.forEach((c, i) => {
    const at = `conflicts[${i}] (id ${c.id})`;
    needPassages('conflicts.yml', `${at}.passages`, c.passages);
    if (!topicIds.has(c.topic)) problems.push({ file: 'conflicts.yml', at: `${at}.topic`, message: `unknown topic "${c.topic}"` });
    c.positions.forEach((pos, j) => {
      for (const s of pos.sources) if (!sourceIds.has(s)) problems.push({ file: 'conflicts.yml', at: `${at}.positions[${j}].sources`, message: `unknown source id "${s}"` });
    });
  });
  kb.aspects.forEach((a, i) => {
    const at = `aspects[${i}] (id ${a.id})`;
    needPassages('aspects.yml', `${at}.passages`, a.passages);
    for (const t of a.topics) if (!topicIds.has(t)) problems.push({ file: 'aspects.yml', at: `${at}.topics`, message: `unknown topic "${t}"` });
  });
  return problems;
}
