/**
 * The wizard's questionnaire as data: the values a modal collects, how they become a plain-English
 * description for `advisor.ask`, and how an earlier answer pre-fills them ("Refine").
 */
import type { Answer } from '../../core/types.ts';
import { BlockId } from './ids.ts';

export type YesNo = 'yes' | 'no' | 'unsure';

export interface WizardValues {
  description?: string;
  teamSize?: 'solo' | 'small' | 'medium' | 'large';
  experience?: 'junior' | 'mixed' | 'senior';
  admin?: YesNo;
  accounts?: YesNo;
  relational?: YesNo;
  apiOnly?: YesNo;
  ml?: YesNo;
  compliance?: YesNo;
  deadline?: 'tight' | 'normal' | 'relaxed';
  architecture?: 'monolith' | 'services' | 'unsure';
}

/** A select's options, value → label, in modal order. */
function choices<T extends string>(labels: Record<T, string>): readonly { value: T; label: string }[] {
  return (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
}

export const TEAM_SIZES = choices({ solo: 'Just me', small: '2–5 developers', medium: '6–15 developers', large: 'More than 15 developers' });
export const EXPERIENCE = choices({ junior: 'Mostly junior', mixed: 'Mixed', senior: 'Mostly senior' });
export const DEADLINES = choices({ tight: 'Tight: a few weeks', normal: 'A few months', relaxed: 'No pressing deadline' });
export const ARCHITECTURES = choices({ monolith: 'One application (monolith)', services: 'Several small services', unsure: 'Not sure yet' });
export const YES_NO = choices<YesNo>({ yes: 'Yes', no: 'No', unsure: 'Not sure' });

/**
 * The needs, in modal order: one checkbox group (a ticked box is a yes; an unticked one says
 * nothing, so "we do not need X" is written in the description). `blockId`: the radio group of the
 * earlier wizard, still read from a modal opened before the change.
 */
export const YES_NO_QUESTIONS = [
  { key: 'admin', blockId: BlockId.wizAdmin, label: 'Do you need an admin interface for staff to edit data?', option: 'An admin interface for staff to edit data' },
  { key: 'accounts', blockId: BlockId.wizAccounts, label: 'Do users sign up and log in (user accounts)?', option: 'User accounts: sign-up and log-in' },
  { key: 'relational', blockId: BlockId.wizRelational, label: 'Is most of the data relational (tables, joins)?', option: 'Mostly relational data (tables, joins)' },
  { key: 'apiOnly', blockId: BlockId.wizApiOnly, label: 'Is it an API only (no server-rendered pages)?', option: 'An API only, no server-rendered pages' },
  { key: 'ml', blockId: BlockId.wizMl, label: 'Will it serve machine learning models?', option: 'Serving machine-learning models' },
  { key: 'compliance', blockId: BlockId.wizCompliance, label: 'Are there compliance or security requirements (GDPR, audits)?', option: 'Compliance or security requirements (GDPR, audits)' },
] as const satisfies readonly { key: keyof WizardValues; blockId: string; label: string; option: string }[];

const YES_NO_SENTENCES: Record<(typeof YES_NO_QUESTIONS)[number]['key'], { yes: string; no: string }> = {
  admin: { yes: 'We need an admin interface.', no: 'We do not need an admin interface.' },
  accounts: { yes: 'We need user accounts with login and authentication.', no: 'We do not need user accounts.' },
  relational: { yes: 'Our data is relational and we want an ORM with migrations.', no: 'Our data is not relational.' },
  apiOnly: { yes: 'It is an API only backend, a JSON REST API with no server-rendered pages.', no: 'It is not API only; we render HTML pages.' },
  ml: { yes: 'We need to serve machine learning models.', no: 'We do not serve machine learning models.' },
  compliance: { yes: 'We have compliance and security requirements such as GDPR and audits.', no: 'We have no special compliance requirements.' },
};

/** Plain-English description of the answers, for `advisor.ask`. */
export function wizardToQuestion(v: WizardValues): string {
  const parts: string[] = [];
  const desc = v.description?.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  parts.push(desc ? `We are building ${desc}.` : 'We are building a new Python web application.');
  const exp = v.experience === 'junior' ? 'junior ' : v.experience === 'senior' ? 'senior, experienced ' : v.experience === 'mixed' ? 'mixed-experience ' : '';
  switch (v.teamSize) {
    case 'solo':
      parts.push(`I am a solo ${exp}developer.`);
      break;
    case 'small':
      parts.push(`Small team of 3 ${exp}developers.`);
      break;
    case 'medium':
      parts.push(`Team of 10 ${exp}developers.`);
      break;
    case 'large':
      parts.push(`Large team of more than 15 ${exp}developers.`);
      break;
    default:
      if (exp) parts.push(`The team is mostly ${exp.trim()} developers.`);
  }
  for (const q of YES_NO_QUESTIONS) {
    const ans = v[q.key];
    if (ans === 'yes') parts.push(YES_NO_SENTENCES[q.key].yes);
    else if (ans === 'no') parts.push(YES_NO_SENTENCES[q.key].no);
  }
  if (v.deadline === 'tight') parts.push('The deadline is tight: we must ship an MVP in a few weeks.');
  else if (v.deadline === 'relaxed') parts.push('There is no pressing deadline.');
  if (v.architecture === 'monolith') parts.push('We plan a single monolith application.');
  else if (v.architecture === 'services') parts.push('We plan several small microservices.');
  parts.push('Django or Flask?');
  return parts.join(' ');
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50 };
const COUNT = '(\\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty)';
const TEAM_PATTERNS = [
  new RegExp(`\\bteam of (?:about |around |roughly )?${COUNT}\\b`, 'i'),
  new RegExp(`\\b${COUNT}[- ](?:person|people|dev|devs|developers?|engineers?|juniors?|seniors?|of us)\\b`, 'i'),
  new RegExp(`\\b${COUNT} (?:junior|senior|experienced|python|backend|full[- ]stack) (?:devs?|developers?|engineers?)\\b`, 'i'),
];

/** The team size a question states ("team of four", "3 developers", "just me"), if any. */
export function teamSizeFrom(text: string): WizardValues['teamSize'] {
  if (/\b(just me|solo|on my own|by myself|i am alone|one-person)\b/i.test(text)) return 'solo';
  for (const re of TEAM_PATTERNS) {
    const m = re.exec(text);
    if (!m?.[1]) continue;
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : (NUMBER_WORDS[m[1].toLowerCase()] ?? 0);
    if (n <= 0) continue;
    return n === 1 ? 'solo' : n <= 5 ? 'small' : n <= 15 ? 'medium' : 'large';
  }
  return undefined;
}

/** Best-effort pre-fill of the wizard from an earlier question and its answer (Refine). */
export function prefillFromAnswer(question: string, answer?: Answer): WizardValues {
  const v: WizardValues = { description: question };
  const size = teamSizeFrom(question);
  if (size) v.teamSize = size;
  const text = (answer?.signals ?? []).map((s) => ({ neg: s.id.startsWith('not:'), t: `${s.id} ${s.label}`.toLowerCase() }));
  const set = (re: RegExp, key: (typeof YES_NO_QUESTIONS)[number]['key']) => {
    const hit = text.find((s) => re.test(s.t));
    if (hit) v[key] = hit.neg || /\b(no|not|without)\b/.test(hit.t) ? 'no' : 'yes';
  };
  set(/admin/, 'admin');
  set(/account|auth|login/, 'accounts');
  set(/relational|orm\b|sql|migration/, 'relational');
  set(/\bapi\b|rest|json/, 'apiOnly');
  set(/\bml\b|machine learning|model serving/, 'ml');
  set(/complian|gdpr|hipaa|audit|security/, 'compliance');
  const all = `${text.map((s) => s.t).join(' ')} ${question.toLowerCase()}`;
  if (/junior|beginner|inexperienced/.test(all)) v.experience = 'junior';
  else if (/senior|experienced/.test(all)) v.experience = 'senior';
  if (/deadline|mvp|ship fast|quick/.test(all)) v.deadline = 'tight';
  if (/microservice/.test(all)) v.architecture = 'services';
  else if (/monolith/.test(all)) v.architecture = 'monolith';
  return v;
}

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_options?: { value: string }[] | null } | undefined> | undefined
>;

function pick<T extends string>(state: StateValues, id: string, allowed: readonly { value: T }[]): T | undefined {
  const el = state[id]?.[id];
  const val = el?.selected_option?.value ?? el?.value ?? undefined;
  return allowed.find((o) => o.value === val)?.value;
}

/** Read a submitted wizard view's `state.values`. Unknown values are ignored. */
export function parseWizardState(state: StateValues): WizardValues {
  const v: WizardValues = {};
  const d = state[BlockId.wizDescription]?.[BlockId.wizDescription]?.value;
  if (typeof d === 'string' && d.trim()) v.description = d.trim();
  const ts = pick(state, BlockId.wizTeamSize, TEAM_SIZES);
  if (ts) v.teamSize = ts;
  const ex = pick(state, BlockId.wizExperience, EXPERIENCE);
  if (ex) v.experience = ex;
  const ticked = new Set((state[BlockId.wizNeeds]?.[BlockId.wizNeeds]?.selected_options ?? []).map((o) => o.value));
  for (const q of YES_NO_QUESTIONS) {
    if (ticked.has(q.key)) v[q.key] = 'yes';
    else {
      const a = pick(state, q.blockId, YES_NO);
      if (a) v[q.key] = a;
    }
  }
  const dl = pick(state, BlockId.wizDeadline, DEADLINES);
  if (dl) v.deadline = dl;
  const ar = pick(state, BlockId.wizArchitecture, ARCHITECTURES);
  if (ar) v.architecture = ar;
  return v;
}
