import { LIMITS } from '../../limits.ts';

/** In watched channels: does a top-level message ask about choosing Django/Flask/a Python web framework? */

const FRAMEWORK = /\b(django|flask)\b|\bpython\b.{0,40}\b(web\s*)?(framework|backend|stack)s?\b|\b(web\s*)?framework\b.{0,40}\bpython\b/i;
const BOTH = /\bdjango\b.{0,60}\b(or|vs\.?|versus)\b.{0,20}\bflask\b|\bflask\b.{0,60}\b(or|vs\.?|versus)\b.{0,20}\bdjango\b/i;
const CHOOSING =
  /\b(which|should we|should i|choose|choosing|chose|pick|picking|select|decide|deciding|decision|recommend\w*|advice|advise|suggest\w*|vs\.?|versus|better|best|compare|comparison|go with|worth it)\b/i;

export function looksLikeFrameworkQuestion(text: string): boolean {
  const t = text.trim();
  if (t.length < 8 || t.length > LIMITS.questionChars) return false;
  if (BOTH.test(t)) return true;
  return FRAMEWORK.test(t) && CHOOSING.test(t);
}
