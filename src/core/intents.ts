/**
 * What kind of question is this? recommend | compare | fact | help | out_of_scope, and for facts
 * which kind of fact. General language cues only; nothing here knows any particular question.
 * A described project is never declined: out of scope is kept for other stacks and messages that
 * are not about building or learning web software.
 */
import type { Aspect } from './schema.ts';
import type { Intent } from './types.ts';
import { PatternFilter } from './literals.ts';

/** Asking what the bot itself does. */
const HELP =
  /^(?:(?:hi|hey|hello|yo|ok|so)[\s,!.]+)?(?:help|usage|what can you do|what do you do|what are you|how (?:do|does) (?:i|this|you) (?:use|work)(?: this| you)?|commands?)?[\s?!.]*$/u;
const HELP_ANY =
  /\b(?:how (?:should|do|can|would) (?:i|we) (?:phrase|word|ask|format|put) (?:my |our |a |the )?(?:question|request|ask)|what (?:info|information|details) (?:should|do|can|would) (?:i|we) (?:give|provide|tell|share|send|include|mention) (?:you|the bot|about (?:our|my|the) project)|how (?:do|can) (?:i|we) get a (?:useful|good|better) (?:recommendation|answer)|can (?:i|we) ask follow-?ups?|what (?:kinds? of |sorts? of |type of )?(?:questions|things|stuff) (?:can|should|could) (?:i|we) ask|wh?at (?:exactly |else )?(?:can|do|could) (?:you|u|this bot|the bot) (?:actually |really |exactly )?(?:do|help (?:me |us )?with)|what (?:kinds? of |sorts? of )?(?:things|stuff|questions) (?:can|could) (?:you|u) (?:actually |really )?(?:help (?:me |us )?with|answer|do)|how (?:does|do) (?:this|the|you|u) ?(?:bot|app|thing|advisor)? ?work|what(?:'s| is|s) (?:your|ur) (?:deal|purpose|job)|wh?ats ur deal|how (?:do|can|should) (?:i|we) use (?:you|u|this bot|this thing|the bot)|what are (?:you|u) (?:for|able to do|good for)|who are (?:you|u)|do i just describe\b.{0,40}\b(?:you|u) tell me|what (?:exactly )?are (?:you|u)\b(?! (?:building|using|working|doing|planning|making)))\b/u;

/** The frameworks this advisor knows about (FastAPI appears in the articles). */
const IN_SCOPE =
  /\b(?:instagram|pinterest|netflix|spotify|mozilla|disqus|lyft|reddit|zillow|linkedin|samsung|nasa|django|flask|fastapi|python|wsgi|asgi|drf|jinja2?|sqlalchemy|werkzeug|quart|micro-?framework|web frameworks?|frameworks?|batteries[- ]included|mtv|mvc|mvt)\b/u;

/** Asking to pick between the two, with or without a project: "Django or Flask?", "which is better overall?" */
const CHOICE =
  /\bwhat(?:'s| is) the (?:best|better|right|safer|usual|default) (?:choice|pick|option|framework|bet)\b(?! (?:for|on|at|in|when it comes to) (?:security|performance|speed|learning|scal\w*|async\w*|jobs?))|\bwhich (?:one|framework|fw) (?:fits|suits|works)(?: (?:best|better))? (?:now|then)[\s?!.]*$|\bwhich (?:one|framework|fw) (?:now|then)[\s?!.]*$|\b(?:django|flask) too\b.{0,25}\bor\b|\bor something (?:else|lighter|simpler|smaller|leaner)\b|\bsame framework or\b|\b(?:is (?:it|this|that) )?(?:a |now a )?close (?:call|one)\?+\s*$|\bwhich (?:one|framework) for (?:the|our|my|this|that|a|an) [\w -]{1,30}[?!.]*$|\b(?:django|flask)\?+\s*(?:or\s+)?(?:django|flask)\?|\b(?:django|flask)\b.{0,30}\b(?:or|vs\.?|versus)\b.{0,30}\b(?:django|flask)\b|\bwhich (?:one |framework |is )?(?:is |would be )?(?:just |really |actually |simply )?(?:better|best)\b(?! (?:for|at|on|in) (?:learning|security|performance|speed|scal)| (?:at|with|on) (?:that|this|it|those|these)\b| (?:positioned|placed|equipped|suited to|prepared)\b)|\b(?:thoughts|opinions?)\b.{0,40}\b(?:django|flask)\b|\b(?:pick|choose) (?:one|for (?:me|us))\b|\b(?:pick|choose|decide) (?:between|from) (?:the two|them|both|these two|those two)\b|\bwhich (?:one|framework|of the two|of them|of these|of those|of these two) (?:should|would|do you|to|shall|will you)\b|\bwhich (?:one|framework|fw)(?: (?:for|then|now) (?:that|this|it|that one|this one|us|me))?[\s?!.]*$|(?:^|[.!?]\s+)(?:so,? |ok,? )?(?:framework|fw|which one|which)\?+\s*$|\b(?:django|flask) ?\/ ?(?:django|flask)\b|^(?:\S+ )?(?:pick|verdict|recommendation|choice|call)\?+$|\bhow (?:do|should|can|would) (?:i|we) (?:pick|choose|decide)\b|\bstay (?:with |on |in )?(?:django|flask)\b.{0,20}\bor\b|\bor (?:switch|move|go|migrate)(?: to)?(?: (?:django|flask))?[\s?!.]*$|\bwhat (?:framework|would you (?:go with|pick|use|recommend)|do you recommend)\b|\bwhich (?:one |framework )?(?:fits|suits|is right for|works (?:best )?for|would you use for) (?:our|my|us|me|this|the project)\b/u;

/** "What's the easier fit?", "the safer bet here?": a closing pick (not "the safer bet if we upgrade rarely?"). */
const FIT_NOUN =
  /\b(?:the|a|an)\s+(?:\p{L}+er|better|best|\p{L}+est|more \p{L}+|most \p{L}+|right|natural|obvious|sensible|smart|safe)\s+(?:fit|pick|bet)(?: (?:here|overall|then|now|for (?:us|me|this|that|it|them|(?:our|my|the) [\w-]+(?: [\w-]+)?)))?[\s?!.]*$/u;

/** Other stacks: a question only about these is out of scope. */
const OTHER_TECH =
  /\b(?:ruby on rails|rails|laravel|symfony|php|spring boot|java|kotlin|express\.?js|nest\.?js|next\.?js|node\.?js|deno|asp\.net|\.net|c#|golang|go (?:backend|service|api|microservice)s?|in go|gin|rust|actix|axum|elixir|phoenix|scala|play framework|wordpress|drupal|tornado|pyramid|bottle|sanic|starlette|streamlit|litestar|falcon|aiohttp|cherrypy|web2py|masonite|robyn|blacksheep|ruby|micronaut|quarkus|ktor|fiber|koa|hapi|adonis|remix|nuxt|sveltekit|htmx only|unity(?= (?:engine|3d|or unreal|or godot)\b)|unreal(?: engine)?|godot|game engines?)\b/u;

/** Talk that is not about choosing or understanding a web framework. */
const CHITCHAT =
  /\b(?:weather|joke|poem|recipe for|song|lyrics|football|movie|horoscope|lottery|stock price|bitcoin|translate this|how are you|good morning|what time is it|meaning of life|laptop|keyboard|monitor|headphones|lunch|dinner|breakfast|cook|cooking|cover letter|resume for|tax|taxes|bake|baking a cake|vacation|holiday|restaurant)\b/u;

/** Asking for facts: who, when, what, which companies, how many. */
const FACT =
  /^(?:(?:did|does|do|has|have|was|is) (?:django|flask)|who|when|where|what|in what year|since (?:when|which)|which (?:companies|company|year|version|databases?|extensions?|template|templating|orm|libraries|library|package|two)|how many|how much|how old|tell me about|define|explain|is it true|is there an?)\b|\b(?:created|invented|written by|wrote|author|first (?:released|release|appeared|version|came out)|released in|founded|origin|originally|history of|stands for|salar(?:y|ies)|average pay|companies (?:use|using)|who uses|slogan|motto|tagline)\b/u;

/** A comparison of an aspect ("is Flask faster", "which is easier", "compare security", "which has…"). */
const COMPARE =
  /^(?:compare|comparison)\b|\bdiffers?\b|\b(?:has|have|having|with|holds?) (?:the|an) edge\b|\bhow (?:does|do|would|will) (?:[\w-]+ ){1,3}compare\b|\b(?:vs\.?|versus|compared? (?:to|with|on)|how do (?:they|the two|these) compare|difference|differences|better|worse|faster|slower|quicker|easier|harder|more|less|safer|secure|steeper|lighter|heavier|bigger|smaller|larger|stronger|weaker|simpler|cheaper|longer|pros and cons|trade-?offs?|folklore|myth)\b|^(?:\S+ ){0,3}which (?:one |framework |of (?:the two|them) )?(?:is|has|gives|offers|comes|keeps|fits|scales|handles|supports|needs|makes|works|lets|pays|wins|holds|stops)\b/u;

/**
 * A question about one framework's quality ("can Flask scale?", "is Flask really faster?",
 * "does Django support async?") or an explicit comparison ("which is easier?", "which has…").
 */
const ASPECT_QUESTION_LEAD =
  /(?:^|,\s*|\s)(?:(?:is it true|is it a myth|myth or not:?)\s+(?:that\s+)?(?:flask|django)\b|(?<=^|,\s*|(?:^|\s)(?:so|and|but|also|then|ok|okay|honestly|quick question:?)\s)(?:can|could|does|do|is|are|will|would)\s+(?:flask|django|one of them|either of them|either|they|both)\b|which (?:one |framework |of (?:the two|them|these|those) )?(?:is|has|does|(?!(?:ones|frameworks|libraries|versions|releases|features|things|extensions|companies|databases|packages|tools)\b)[a-z]{3,}(?<!ss)s)\b)|\bhow do (?:they|the two|these|django and flask|flask and django) compare\b/u;
/** A short follow-up about one aspect: "what about performance?", "how about security?" */
const WHAT_ABOUT = /^(?:(?:and|so|ok|okay|hmm+|also),? )*(?:what|how) about\b|^and (?:the )?\w+(?: \w+)?\?$/u;
/** A question that points back at the project just described ("is django overkill here?"). */
const ABOUT_THIS_PROJECT = /\b(?:here|this|(?:for|with) (?:that|it|me)|us|in our case|our|my|we)\b|\b(?:that|it|those needs)[\s?!.]*$/u;
const COMPARATIVE = /\b(?:faster|slower|quicker|easier|harder|safer|more secure|bigger|smaller|lighter|heavier|simpler|steeper|better at|longer|better (?:positioned|placed|equipped|prepared))\b/u;
/** A question that refers to the two frameworks without naming them. */
const REFERS_TO_CHOICE = /\b(?:which one|one of them|one of these|one of those|either of them|either one|either framework|the two|both|them|wrong one|right one|framework|pick)\b/u;

/** Someone describing what they build or asking for a pick. */
const PROJECT =
  /\b(?:we|we're|we are|our|us|i'm building|i am building|building|build|make|making|create|creating|project|app|apps|application|product|startup|company|team|client|clients|service|site|website|platform|portal|tool|backend|back end|api|system|dashboard|wiki|thing|mvp|prototype|should (?:i|we)|which (?:one|framework) (?:should|to|for)|recommend|suggest|pick|choose|go with|use for|learn|learning|study|career|workshop|course|class)\b/u;

/** Words that make a message about software. */
const SOFTWARE =
  /\b(?:features?|lines of code|app|apps|application|applications|site|sites|website|websites|web|webapp|platform|portal|tool|tools|backend|back end|api|apis|service|services|system|dashboard|wiki|mvp|prototype|project|product|startup|software|saas|bot|database|code|coding|programming|framework|frameworks|devs?|developers?|engineers?|stack|front ?end|server|endpoint|microservice|crud|initiative)\b/u;
const BUILD = /\b(?:build|building|make|making|create|creating|develop|developing|ship|launch)\b/u;
const SOMETHING = /\b(?:something|a thing|some thing|stuff)\b/u;
const PICK = /\b(?:recommend|suggest|pick|choose|which|what should|go with|use)\b/u;

/** This many requirement signals in a project description make it a request for a recommendation. */
export const DESCRIBED_PROJECT_SIGNALS = 2;

/** Fact kinds specific enough that their question is a fact whatever else it says. */
const STRONG_FACT_KINDS = new Set<FactKind>(['usage', 'who', 'when', 'version', 'built-on', 'pattern', 'slogan', 'duration', 'routing']);
/** Asking for figures: "how many more job ads", "actual numbers", "what percentage". */
const FIGURES =
  /\bhow (?:many|much) (?:more|fewer|less|faster|slower|higher|lower|bigger|smaller)\b(?! (?:do|does|did|will|would|should|can|could|is|are|am|have|has|we|i|you|they|of (?:a|an|the) (?:pain|hassle|risk)))|\broughly how (?:many|much)\b|\bhow (?:much|many) (?:\w+ )?(?:experience|months|years|lines|requests|listings|postings|openings|jobs)\b|\bin terms of (?:postings|listings|openings|numbers|requests|lines|salar\w+)\b|\b(?:actual|real|hard|concrete) (?:numbers|figures|data)\b|\b(?:figures?|percent(?:age)?|per ?cent|numbers)\b|%/u;
/** A question: a question mark, or a question word opening a sentence. */
const QUESTION = /\?|(?:^|[.!]\s+)(?:who|when|which|what|how|where)\b/u;

/**
 * Python that is not web software (data scripts, desktop GUIs, notebooks), asked with no web words:
 * out of scope even if a word of it ("pandas", "inventory") would imply a need.
 */
const NON_WEB_PYTHON = /\b(?:pandas|numpy|excel|spreadsheets?|jupyter|notebooks?|tkinter|kivy|pyqt|pyside|wxpython|desktop|gui|command[- ]line|cli|python scripts?|pandas scripts?|matplotlib|scraper|scraping|pickl(?:e|ed|ing)(?!ball)|airflow|spark jobs?)\b/u;
/** The two names' other meanings: lab glassware and drinking flasks, the guitarist, the film. */
const OTHER_MEANING =
  /\b(?:erlenmeyer|round[- ]bottom(?:ed)?|conical|volumetric|florence|hip|vacuum|thermos|water|drinking|lab|laboratory|glass)\s+flasks?\b|\bflasks?\s+of\s+(?:water|coffee|tea|whisky|whiskey|soup)\b|\b(?:titrat\w*|glassware|beakers?|distillation)\b|\bdjango\s+(?:reinhardt|unchained)\b|\b(?:gypsy|manouche)\s+jazz\b|\breinhardt\b/u;
/** Troubleshooting a running system ("throws 502s after the cert renewal, any idea why?"): not a choice between the two. */
const TROUBLESHOOTING =
  /\b(?:throws?|throwing|getting|returns?|returning|gives?|giving)\s+(?:us\s+|me\s+)?(?:random\s+)?(?:[45]\d\d|[45]xx)s?\b|\bany idea (?:why|what)\b|\b(?:keeps?|started) (?:crashing|failing|timing out|throwing|returning)\b/u;
/** Choosing some other kind of technology ("which LLM should we fine-tune?", "what database should we use?"). */
const CHOOSES_OTHER_TECH =
  /\b(?:which|what)\s+(?:\w+\s+)?(?:llms?|language models?|(?:ml |ai )?models?|cloud(?: provider)?|databases?|dbs?|editors?|ides?|hosting(?: provider)?|host|crm|cms|payment provider|queue|message broker|vector (?:db|database|store))\s+(?:should|do|would|to|is (?:the )?best)\b/u;
const WEB_WORDS =
  /\b(?:web|site|website|webapp|api|apis|endpoints?|server|http|browser|pages?|urls?|routes?|front ?end|backend|back end|django|flask|fastapi|framework|dashboard|portal|login|logins|online|saas|users|customers)\b/u;
/** A message only about tokens, keys or a bot's credentials is not a project description. */
const CREDENTIALS = /\b(?:xox[abpr]-\S+|sk-[a-z0-9]\S+|ghp_\S+|tokens?|api[- ]keys?|credentials?|secrets?|passwords?|oauth scopes?|signing secret)\b/u;
/** Saying both frameworks are already excluded: the question is about something else. */
const EXCLUDES_BOTH =
  /\b(?:ruled out|rejected|excluded|not (?:using|considering)|won't use|can't use|dropped|no) (?:both )?(?:django and flask|flask and django)\b|\b(?:django and flask|flask and django|both of them) (?:are|were|have been|got) (?:both )?(?:ruled out|excluded|rejected|off the table|not an option)\b/u;
/** Buying advice (hardware, subscriptions) is not about building web software. */
const SHOPPING = /\b(?:which|what) (?:\w+ )?(?:laptop|computer|pc|mac|monitor|keyboard|chair|desk|phone|tablet|course|book) (?:should|do|would|to)\b|\b(?:buy|purchase)\b.{0,40}\b(?:laptop|computer|pc|mac|monitor|keyboard)\b/u;

/** Asking for a pick, not about an aspect: "which one should we use?" */
export const ASKS_FOR_PICK =
  /\b(?<!without (?:us |me |you |anyone |them )?(?:having to )?)(?:build|building|start|starting|new|should|shall|go with|(?:pick|picking|choose|choosing)(?! (?:every|each|all|our own|my own|your own|their own|the (?:orm|database|libraries|library|layout|stack)))|recommend|suggest|thoughts|opinions?|use for|matter|matters)\b/u;
/** Asking which to use: "which should I start with?", "what should it be built on?" */
const PICK_REQUEST = /\b(?:(?<!(?:someone|anyone|one|they|people|learners?|beginners?|a (?:person|beginner|learner)) )should|shall|go with|pick|choose|recommend|(?:you|would you|do you|can you) suggest|start with|use for)\b/u;
const WHICH_OF_THEM = /\b(?:which|whose)\b|\b(?:winner|difference) between\b|\b(?:does|do|will|can|would|is) (?:one|either) of (?:the two|them|these|those)\b|\bwill one of (?:these|them|the two)\b|\bdoes (?:the choice|it matter)\b/u;
const COMPARATIVE_MARK =
  /\b(?:more|less|fewer|better|best|worse|sooner|quicker|faster|least|most|easier|harder|safer|smoother|smoothly|fewest|soonest|out of the box|built[- ]in|by default|without (?:us|me|you|anyone) (?:building|writing|having to)|quickest|fastest|easiest|simplest|smallest|lightest|leanest|cheapest|safest|shortest|lighter|leaner|heavier|smaller|cheaper|simpler|stronger|cleaner|clearer|stricter|ahead|winner|wins|edge|still decide)\b|\b\p{L}{3,}er than\b/u;

/**
 * "<a situation>. Which framework protects us more?": the last question asks which of the two is
 * better at something (a comparative), not which to use; the situation only sets the scene. The
 * question, for the caller to check that it names an aspect.
 */
export function aspectComparisonQuestion(
  text: string,
): { question: string; comparative: boolean; genericFit: boolean; pointsBack: boolean } | undefined {
  const sentences = text.split(/(?<=[.!?])\s+/u);
  const marked = sentences.filter((s) => s.includes('?'));
  // A question typed without its mark: "which 1 has csrf protection on by default."
  const questions = marked.length > 0 ? marked : sentences.filter((s) => /^(?:which|whose)\b/u.test(s)).slice(-1);
  const last = questions.at(-1);
  if (!last || !WHICH_OF_THEM.test(last) || ASKS_FOR_PICK.test(last) || CHOICE.test(last)) return undefined;
  if (/\b(?:django|flask)\b.{0,30}\b(?:or|vs\.?|versus|and)\b.{0,10}\b(?:django|flask)\b/u.test(last)) return undefined;
  return {
    question: last,
    comparative: COMPARATIVE_MARK.test(last),
    genericFit: GENERIC_FIT.test(last),
    // ("Gets us there" is the goal and "this time" a moment, not something in the scene.)
    pointsBack: /\b(?:that|this|those|these|it|they|them|there)\b/u.test(last.replace(/\b(?:gets?|getting) (?:us|me|you|them) there\b|\bthis time\b/gu, '')) && sentences.length > 1,
  };
}
/** "Which suits those services better?": a pick in other words. */
export function asksForFit(text: string): boolean {
  return GENERIC_FIT.test(text);
}
/** "Which makes more sense / suits us better?": a pick in other words. */
const GENERIC_FIT =
  /\b(?:makes? (?:more|most) sense|(?:handles?|copes? with|deals? with) (?:that|this|it|those|these) (?:better|best)|cope|copes|coping|(?:suits?|fits?) (?:[\w-]+ ){0,3}(?:better|best)|(?:suits?|fits?|matches) (?:that|this|them|it|us|me|those|these)\b|keeps? (?:it|this|that|things) (?:simple|lean|small|light)|better (?:fit|choice|option|bet|pick)|best (?:fit|choice|option|bet|pick)|better for (?:us|me|this|that|it|our|my))\b/u;

export interface IntentInput {
  text: string;
  /** How many requirement signals fired. */
  signalCount: number;
  /** How many needs were stated as absent ("no admin needed"): they describe a project too. */
  negatedCount?: number;
  aspect: Aspect | undefined;
  /** The last question asks which of the two is better at something (asksAspectComparison). */
  aspectQuestion?: boolean;
  /** Does this sentence itself name an aspect? (A question framed by one sentence is about what that sentence names.) */
  aspectIn?: (sentence: string) => boolean;
  /** An earlier message of the thread names Django or Flask ("how do I handle migrations in that setup?"). */
  frameworkInThread?: boolean;
  /** Does this sentence name an aspect by a strong cue (not a bare "easier")? */
  strongAspectIn?: (sentence: string) => boolean;
}

/** "What tool do people use for that?": asking for a library by name, whatever the project around it. */
const ASKS_FOR_A_TOOL =
  /\b(?:what|which) (?:tool|extension|library|package|add-?on|plugin)s? (?:do|does|would|should|can) (?:people|you|folks|teams|devs|we|i) (?:\w+ )?(?:use|add|pick|reach for|recommend|plug in)\b/u;
/** A closing request for a pick: "which framework should I start with?", "which one for these services?" */
const CLOSING_PICK =
  /\bwhich (?:one|framework|fw|of (?:the two|them))(?: (?:should|would|do|shall) (?:i|we|you) (?:start with|use|pick|choose|go with|learn|recommend)| for (?:this|these|that|those|it|them|us|me|my|our|the)\b[\w -]{0,30})[\s?!.]*$/u;
/** Asking for companies by name: "name a company that runs Flask", "which firms use Django?" */
const NAMES_USERS =
  /\b(?:name|list|give me|tell me|know of|examples? of)\b.{0,30}\b(?:compan(?:y|ies)|firms?|businesses|brands?|products|sites)\b|\b(?:which|what) (?:\S+ ){0,2}(?:compan(?:y|ies)|firms?|businesses|brands?)\b/u;
/** How to add a capability / which library: an extension or built-in the articles name. */
const HOW_TO =
  /^(?:\S+ )?(?:does|do|is|can|will) (?:django|flask) (?:have|has|include|includes|ship|ships|come with|provide|give you|support)\b(?! (?:a |an )?(?:steep|gentle|bigger|smaller|better|worse|more|less|good|large|great|async))|\bhow (?:do|can|would|should|does) (?:i|we|you|people|one|folks)\b.{0,50}\b(?:add|get|handle|do|use|implement|set up|setup|wire|plug|bolt)\b|\bhow (?:do|can|would|should|does) (?:i|we|you|people|one|folks)\b.{0,60}\b(?:flask|django)\b|\b(?:what|which)(?:'s| is| are)? (?:the |a |an )?(?:usual |standard |common |go-to |recommended )?(?:flask |django |python )?(?:rest |api |json )?(?:extension|library|package|add-?on|plugin|tool|toolkit|project|orm|database layer|migration tool|form library)s?\b|\b(?:people|folks|teams|you) (?:pair|use|combine|go) with (?:django|flask)\b|\bwhat (?:do|would|should|can) (?:people|you|i|we|folks) (?:\w+ly |need to |have to |want to )?(?:add|use|install|reach for|plug in|bolt on)\b|^(?:so |wait |and |but )?(?:django|flask) (?:has|have|includes|ships|comes with) .{0,40}\b(?:built[- ]in|out of the box|by default)\b|\bwhat (?:handles|takes care of|manages|deals with)\b|\b(?:async |asynchronous )?(?:flavou?r|variant|fork|twin|sibling) of (?:flask|django)\b|\b(?:flask|django)(?:'s)? (?:equivalent|counterpart|answer|version) (?:of|to|for)\b|\b(?:equivalent|counterpart) (?:of|to) (?:django|flask)\b|\bwhat (?:would|should) (?:i|we) use\b|\bwhat gives (?:me|you|us)\b|\bis there (?:an?|some|any|something)\b.{0,40}\b(?:drop-?in|admin|extension|library|package|version|variant|sibling|alternative|counterpart|fork|replacement|flavou?r|equivalent|substitute|stand[- ]?in|twin)\b|\b(?:stand|stands) in for\b|\bdrop-?in (?:replacement|version|variant|alternative)\b|\b(?:go-to|standard|usual) (?:toolkit|framework|add-?on|library|package|extension|tool)s?\b|\b(?:standard|usual|go-to|common|popular|recommended) (?:package|library|extension|tool|way|add-?on|plugin)\b|\bcan (?:flask|django|it|i)\b.{0,20}\b(?:do|get|have)\b.{0,40}\bor (?:do|must|should) (?:i|we)\b|\b(?:flask|django) (?:can|could)\b.{0,40}\bor (?:do|must|should|will) (?:i|we)\b|\b(?:out of the box|built[- ]in)\b.{0,40}\bor\b.{0,40}\b(?:add|bolt|ourselves|myself|yourself)\b/u;

export function detectIntent({ text, signalCount, aspect, negatedCount = 0, aspectQuestion = false, aspectIn = () => true, frameworkInThread = false, strongAspectIn = () => false }: IntentInput): Intent {
  if (text.length === 0 || HELP.test(text) || (HELP_ANY.test(text) && signalCount < DESCRIBED_PROJECT_SIGNALS)) return 'help';
  const inScope = IN_SCOPE.test(text);
  const project = PROJECT.test(text);
  const web = WEB_WORDS.test(text);
  const namesOne = /\b(?:django|flask)\b/u.test(text);
  // The question's own sentences, and its last sentence (the one that usually asks).
  const asked = questionPart(text);
  const lastSentence = text.split(/[.!?]\s/u).at(-1) ?? text;
  if (EXCLUDES_BOTH.test(text)) return 'out_of_scope';
  // Nothing about software, frameworks, a project or the two ("how do I get my sourdough to rise faster?").
  if (!inScope && !web && signalCount === 0 && negatedCount === 0 && !(frameworkInThread && HOW_TO.test(text)) && !(aspect && /\bcompar\w*|\bvs\.?(?!\w)|\bversus\b|\bstacks? up\b|\bdiffer\w*/u.test(text)) && !SOFTWARE.test(text) && !PROJECT.test(text) && !REFERS_TO_CHOICE.test(text) && !FACT.test(text) && !/\b(?:which|whose|either|these)\b/u.test(text)) {
    return 'out_of_scope';
  }
  if (SHOPPING.test(text) && signalCount === 0) return 'out_of_scope';
  // "Who won the league last season?": a who or when question about nothing in software.
  if (!inScope && !web && !frameworkInThread && signalCount === 0 && !SOFTWARE.test(text) && /^(?:\S+ )?(?:who|when)\b/u.test(text) && !REFERS_TO_CHOICE.test(text)) return 'out_of_scope';
  if (OTHER_MEANING.test(text) && signalCount < 2 && !SOFTWARE.test(text) && !/\b(?:flask|django) (?:app|apps|api|service|site|project|backend|code)\b/u.test(text)) return 'out_of_scope';
  if (!namesOne && !/\bframeworks?\b/u.test(text) && (TROUBLESHOOTING.test(text) || CHOOSES_OTHER_TECH.test(text)) && signalCount < 2) return 'out_of_scope';
  if (NON_WEB_PYTHON.test(text) && !web && signalCount < 2 && !REFERS_TO_CHOICE.test(text)) return 'out_of_scope';
  // "Can you recommend a Ruby framework?": asking for another stack's framework.
  if (!namesOne && /\b(?:ruby|php|java|go|golang|node|javascript|typescript|rust|\.net|c#|elixir|scala|kotlin|swift)\s+(?:web\s+)?(?:framework|stack|library|backend)s?\b/u.test(text)) return 'out_of_scope';
  // "FastAPI or Litestar?", "Spring Boot or Micronaut?": a choice between two other stacks.
  if (OTHER_TECH.test(text) && !namesOne && /\b(?:or|vs\.?|versus)\b/u.test(text)) return 'out_of_scope';
  if (CREDENTIALS.test(text) && signalCount === 0 && !web && !BUILD.test(text) && !PICK.test(text)) return 'out_of_scope';
  // ("A recipe-sharing site for our cooking club" is a project, whatever its topic.)
  if (!inScope && signalCount === 0 && (OTHER_TECH.test(text) || (CHITCHAT.test(text) && !(project && web)))) return 'out_of_scope';
  if (!inScope && OTHER_TECH.test(text) && !namesOne && signalCount < 2) return 'out_of_scope';

  const choice = CHOICE.test(text) || FIT_NOUN.test(asked);
  const howTo = HOW_TO.test(text) && (namesOne || /\b(?:drop-?in|extension)\b/u.test(text) || frameworkInThread);
  const factKind = classifyFact(text);
  // "How do I add login to Flask?", "which extension gives migrations?": a fact, whatever needs it names.
  // ("...or do I add an extension, which one?": the "which one" is the extension, not the framework.)
  if (howTo && (!choice || /\b(?:extension|library|package|add-?on|plugin)s?\b/u.test(text)) && (signalCount < 3 || ASKS_FOR_A_TOOL.test(asked))) return 'fact';
  // Who / when / slogan / built on / pattern questions are facts even in a project's words.
  if (factKind !== 'general' && factKind !== 'companies' && !choice && FACT.test(text) && signalCount < 3) return 'fact';
  // A question of a specific kind (who, when, which version, built on, pattern, slogan, how long), asked
  // with no project described, is a fact however it is worded ("Flask is glued from two libraries. Which ones?").
  // "Which version", "when", "who": the kind itself names the answer; an aspect word does not make it a comparison.
  const namesAnswer = factKind === 'version' || factKind === 'when' || factKind === 'who' || factKind === 'duration';
  const asksComparison =
    !!aspect && (COMPARATIVE.test(text) || REFERS_TO_CHOICE.test(lastSentence) || (!namesAnswer && ASPECT_QUESTION_LEAD.test(lastSentence)));
  // One need may come with a fact question ("as a beginner, who made Flask?"), not with a request for a pick.
  const fewNeeds = signalCount === 0 || (signalCount === 1 && !PICK_REQUEST.test(asked));
  if (STRONG_FACT_KINDS.has(factKind) && !choice && fewNeeds && !asksComparison && QUESTION.test(text)) return 'fact';
  // "How much faster is Flask, in actual numbers?": asking for the figures is a fact, comparative or not.
  // (The figures' setting, "on a simple endpoint", is not a project to pick for.)
  if (factKind === 'number' && FIGURES.test(text) && (!choice || /\bhow (?:many|much)\b/u.test(asked)) && !PICK_REQUEST.test(asked)) return 'fact';
  // "Which cache backends does Django support out of the box?": the list one framework supports, not a comparison.
  if (factKind === 'supports' && !choice && fewNeeds && !(/\bdjango\b/u.test(text) && /\bflask\b/u.test(text))) return 'fact';
  // "Name a ride-hailing company that runs Flask": asking for users by name is a fact.
  if (factKind === 'companies' && NAMES_USERS.test(asked) && !choice && fewNeeds) return 'fact';
  // "<what the ops team cares about>. Any difference?": a comparison on the aspect the scene names.
  if (aspect && !choice && /\b(?:any|what'?s the|is there (?:a|any)) (?:real |big |practical )?difference\b/u.test(lastSentence)) return 'compare';
  // "<needs>. Which framework should I start with?": a closing pick that names no aspect is a recommendation.
  if ((signalCount >= 1 || negatedCount >= 1) && CLOSING_PICK.test(lastSentence) && !strongAspectIn(lastSentence)) return 'recommend';
  // "...Django's ORM appeals but Flask is lighter. Close call?": asking whether the pick is close.
  if (signalCount + negatedCount >= 1 && /\bclose (?:call|one)\?+\s*$/u.test(text)) return 'recommend';
  // A question that opens as an aspect question is one, whatever project it mentions.
  if (aspect && aspectQuestion && !choice) return 'compare';
  // "What about performance?", "and the learning curve?": a follow-up about one aspect.
  if (aspect && !choice && WHAT_ABOUT.test(text) && signalCount < DESCRIBED_PROJECT_SIGNALS) return 'compare';
  // In the first sentence it frames the question; after a described project, a recommendation may be meant.
  const firstSentence = text.split(/[.!?]\s/u)[0] ?? text;
  if (aspect && !choice && ASPECT_QUESTION_LEAD.test(firstSentence) && aspectIn(firstSentence)) return 'compare';
  // ...but after a project of several needs, the last sentence's question is about that project.
  if (aspect && !choice && ASPECT_QUESTION_LEAD.test(lastSentence) && !ABOUT_THIS_PROJECT.test(lastSentence) && !GENERIC_FIT.test(lastSentence) && signalCount < 3 && aspectIn(lastSentence)) {
    return 'compare';
  }
  // Two or more requirements of a described project: a recommendation, whatever else is asked.
  if (signalCount >= DESCRIBED_PROJECT_SIGNALS && project) return 'recommend';
  // ("We haven't decided monolith vs services. Which framework should we use?": the 'vs' is not between the two.)
  if (aspect && !FIT_NOUN.test(asked) && !(choice && /\b(?:vs\.?|versus)(?!\w)/u.test(text) && !namesOne) && (COMPARATIVE.test(text) || (COMPARE.test(text) && (signalCount === 0 || !project)))) return 'compare';
  // Requirements were described: a recommendation, unless it reads as a question of fact.
  if (signalCount > 0 && (project || choice || !FACT.test(text))) return 'recommend';
  if (FACT.test(text) && (inScope || factKind !== 'general') && !choice) return 'fact';
  if (aspect && !choice && (inScope || COMPARE.test(text) || REFERS_TO_CHOICE.test(text))) return 'compare';
  if (choice) return 'recommend';
  if (signalCount > 0) return 'recommend';
  // A described project is never declined: an under-specified one gets "either" and questions.
  // (Software words, or asking for a pick for something to build; "learn guitar" is not one.)
  if (project && (SOFTWARE.test(text) || negatedCount > 0 || (BUILD.test(text) && (PICK.test(text) || SOMETHING.test(text))))) return 'recommend';
  // "Which framework suits those services better?": a pick, for the project in the thread.
  if (GENERIC_FIT.test(text)) return 'recommend';
  if (inScope) return 'fact';
  return 'out_of_scope';
}

export type FactKind = 'usage' | 'routing' | 'overview' | 'number' | 'duration' | 'supports' | 'who' | 'companies' | 'when' | 'version' | 'extension' | 'pattern' | 'built-on' | 'slogan' | 'origin' | 'general';

const ORIGIN_ANSWER = /\b(?:originally|first written|began|joke|newsroom|newspaper|origins?)\b/u;

/** The kinds of fact question, first match wins, with what their answer looks like in a passage. */
export const FACT_KINDS: { kind: FactKind; question: RegExp; answer: RegExp }[] = [
  {
    kind: 'supports',
    question: /\b(?:which|what) (?:databases?|dbs|database engines?|template engines?|template languages?|templating (?:engines?|languages?|librar(?:y|ies))|template librar(?:y|ies)|servers?|cache backends?|caching backends?|caches|cache stores?|attacks|threats|vulnerabilit(?:y|ies)|exploits)\b.{0,40}\b(?:can|does|do|will|is|are|supported|support|talk|work|ship|ships|use|uses|come)\b/u,
    answer: /\b(?:PostgreSQL|MySQL|SQLite|Oracle|Jinja2|Gunicorn|Django Templates|template engine|templating language|Memcached|Redis|clickjacking|cross-site|SQL injection)\b/u,
  },
  {
    kind: 'overview',
    question: /^(?:(?:so|ok|and),? )?(?:tell me (?:more )?about|what(?: exactly)? is|what's|whats|explain|describe|give me an overview of|intro to)\s+(?:flask|django)[\s?!.]*$/u,
    answer: /\b(?:is an?|are)\b.{0,40}\b(?:framework|microframework)\b/u,
  },
  {
    kind: 'duration',
    question: /\bhow long\b(?! (?:has|have) (?:\w+ )?(?:been around|existed))|\bfor how many (?:years|months)\b/u,
    answer: /\b(?:\d+|one|two|three|four|five|six|ten)\s+(?:years?|months?)\b|\bmulti-year\b/u,
  },
  { kind: 'number', question: /\bhow (?:many|much)\b|\b(?:any|got|some|what were the|what are the) (?:\w+ )?(?:numbers|figures|stats|benchmarks?)\b/u, answer: /\b\d[\d,.]*\b|\b(?:five|ten|twenty|twice|double|half|thrice|(?:one|two|three|four) to one)\b/u },
  { kind: 'slogan', question: /\b(?:slogan|motto|tagline|catch-?phrase|strapline)\b/u, answer: /\bslogan\b/u },
  // "What does Zillow use Flask for?": what a named company uses it for.
  {
    kind: 'usage',
    question:
      /\b(?:instagram|pinterest|netflix|spotify|mozilla|disqus|lyft|reddit|zillow|linkedin|samsung|nasa)\b.{0,40}\b(?:for what|what for|use[sd]? (?:it |flask |django )?for|using (?:it |flask |django )?for|runs? (?:it |flask |django )?for)\b|\bwhat (?:does|do|did|is) (?:instagram|pinterest|netflix|spotify|mozilla|disqus|lyft|reddit|zillow|linkedin|samsung|nasa)\b/u,
    answer: /\b(?:Instagram|Pinterest|Netflix|Mozilla|Spotify|Lyft|Reddit|LinkedIn|Samsung|Zillow|NASA|Disqus) (?:for|uses|runs|relies|built)\b/u,
  },
  {
    kind: 'companies',
    question: /\bwho (?:uses|runs|is using|use)\b|\b(?:compan(?:y|ies)|big names|well-known|famous|in production|which (?:sites|products|firms|businesses))\b|\b(?:instagram|pinterest|netflix|spotify|mozilla|disqus|lyft|reddit|zillow|linkedin|samsung|nasa)\b/u,
    answer: /\b(?:Instagram|Pinterest|Netflix|Mozilla|Spotify|Lyft|Reddit|LinkedIn|Samsung|Zillow|NASA|Disqus)\b/u,
  },
  // "Who was Django originally written for?": its origin, not its authors.
  {
    kind: 'origin',
    question:
      /\b(?:originally|initially|first) (?:built|written|made|created|developed|designed) (?:\w+ )?for\b|\bwho\b.{0,40}\b(?:built|written|made|created|developed|designed) for\b/u,
    answer: ORIGIN_ANSWER,
  },
  {
    kind: 'who',
    question:
      /(?:^|[,;:(—–]\s*|\s-\s|\b(?:and|so|but|btw|also|or|know|remind me|tell me|wonder|wondering|ask|asking|curious|idea|guess|exactly|originally|actually|then)\s+)who\b(?!(?:'s| is| was) (?:right|correct|wrong)\b)|\b(?:creator|author|inventor|founder|maintainer)s?\b|\bcame up with\b|\bcredited\b|\b(?:creating|invented|maintains|maintained by|written by|made by|created by)\b|\bwhich (?:developer|person|programmer|people|company|organi[sz]ation|group|team)\b|\bbehind (?:flask|django)\b|\bwhose (?:\w+ )?(?:project|creation|idea|baby|brainchild)\b/u,
    answer: /\b(?:Armin Ronacher|Adrian Holovaty|Simon Willison)\b|\bcreated by\b/u,
  },
  {
    kind: 'version',
    question: /\b(?:which|what) (?:(?:django|flask) )?(?:version|release)\b|\bsince (?:which|what) (?:version|release)\b|\bversion\b(?! of (?:flask|django)\b)/u,
    answer: /\bversion \d|\b\d+\.\d+\b|\b\d+\.x\b/u,
  },
  {
    kind: 'when',
    question: /^(?:\S+ )?when (?:was|were|did|is|will|has)\b|\bwhen (?:was|were|did) (?:django|flask|it)\b|\b(?:what year|which year|how old|been around|since when|first (?:came out|come out|released|appeared|release)|release (?:date|year)|came out)\b/u,
    answer: /\b(?:19|20)\d\d\b/u,
  },
  {
    kind: 'pattern',
    question: /\b(?:pattern|mvc|mtv|mvt|model[- ]view|architectur\w* (?:style|pattern)|split (?:up )?(?:the )?code|separat\w* of concerns)\b/u,
    answer: /\b(?:MVC|MTV|MVT|Model-View-Controller|Model-Template-View|Model-View-Template)\b/u,
  },
  // "In Flask it's decorators, what does Django use for routes?": where URL routes are declared.
  {
    kind: 'routing',
    question: /^(?![\s\S]*\b(?:built on|sits? on|based on|under the hood|underlying)\b)[\s\S]*?(?:\b(?:routes|routing|url (?:mappings?|patterns?|config\w*)|urls? (?:map|live|go))\b|(?<!\b(?:the|that|this) [\w-]+ )\broute\b)/u,
    answer: /\burls\.py\b|\bURLconf\b|@app\.route\b/u,
  },
  {
    kind: 'built-on',
    question: /\bwhat (?:\w+ ){0,2}(?:does|do) (?:flask|django) use\b|\b(?:(?<!(?:should|would|shall|could|to|will) (?:[\w-]+ ){0,3}(?:be )?)built on|based on|(?:glued|stitched|pieced|put|assembled|combined|cobbled) (?:together(?: from| out of)?|from|out of)|combine[sd]?|combination of|at (?:its|the) core|core librar(?:y|ies)|two (?:older |existing |other )?(?:libraries|projects|tools|packages)|made (?:of|from|out of)|under the hood|underlying|sits? on(?: top of)?|runs? on top of|combo of|depends on|which two (?:libraries|tools|projects)|(?:libraries|tools) is .{0,30}(?:built|glued|made))\b/u,
    answer: /\b(?:Werkzeug|Jinja2|WSGI|ASGI)\b/u,
  },
  {
    kind: 'origin',
    question: /\b(?:originally|origin|origins|story|started (?:out|as)|(?:get|got) started|c(?:o|a)me about|come to be|began|born|prank|joke|built for|written for|history)\b/u,
    answer: ORIGIN_ANSWER,
  },
  {
    kind: 'extension',
    question: HOW_TO,
    answer: /\b(?:Flask|Django)-[A-Z][A-Za-z]+\b|\b(?:Django REST Framework|DRF|Quart|SQLAlchemy|Alembic|Flask-RESTful)\b|@app\.route\b/u,
  },
];

/** Words a passage answering each kind of fact tends to use: added to the query (the question's words are not the passage's). */
export const FACT_QUERY_WORDS: Record<FactKind, string> = {
  overview: 'overview what each framework is',
  supports: 'supports works with',
  number: 'lines requests figures',
  duration: 'years support security fixes',
  slogan: 'slogan official',
  companies: 'companies use users',
  usage: 'examples in use for',
  who: 'created creator author names',
  version: 'version since support',
  when: 'first released year',
  'built-on': 'built werkzeug jinja2 toolkit templating',
  pattern: 'pattern architecture model view template controller',
  origin: 'originally began first written origins joke',
  extension: 'extension extensions built',
  routing: 'routes urls declared decorator',
  general: '',
};

/**
 * The kind of fact a message asks for, read from its questions (the sentences with a question
 * mark, or all of it when none has one): "authors have profile pages. What would you build it
 * with?" does not ask who.
 */
export function classifyFact(text: string): FactKind {
  const asked = questionPart(text);
  for (const k of FACT_KINDS) if (k.question.test(asked)) return k.kind;
  return 'general';
}

/**
 * The sentences of a message that ask something (with a question mark), each with the sentence
 * before it when it points back at it ("Flask was glued from two libraries. Which ones?"), or the
 * message when none asks.
 */
export function questionPart(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/u);
  const out: string[] = [];
  sentences.forEach((s, i) => {
    // A last sentence with no full stop is often a question typed without its mark ("which one").
    const unmarked = i === sentences.length - 1 && i > 0 && !/[.!]\s*$/u.test(s);
    if (!s.includes('?') && !unmarked) return;
    if (i > 0 && POINTS_BACK.test(s) && !ASKS_PICK_SHORT.test(s)) out.push(sentences[i - 1]!);
    out.push(s);
  });
  return out.length > 0 ? out.join(' ') : text;
}
/** A question with a pronoun, or of three words at most, leans on the sentence before it: "which kind?", "is there any truth to that?" */
const POINTS_BACK = /\b(?:it|that|this|they|them|ones|those|these)\b|^(?:\S+\s+){0,2}\S+[?!.]*$/u;
/** ...unless it asks for a pick ("what would you suggest?", "which of the two fits?"). */
const ASKS_PICK_SHORT = /\b(?:would you|should|suggest\w*|recommend\w*|advice|advise|verdict|fits?|suits?|pick|choose|go with|use)\b/u;

/**
 * The aspect a question is about: the earliest match of an aspect's patterns; an aspect's weak
 * patterns (generic comparatives like "easier") count only when no aspect matches strongly.
 */
export function findAspect(
  text: string,
  aspects: { aspect: Aspect; patterns: RegExp[]; weak?: RegExp[] }[],
  { weak = true }: { weak?: boolean } = {},
): Aspect | undefined {
  const filter = aspectFilter(aspects);
  const earliest = (pick: (a: { patterns: RegExp[]; weak?: RegExp[] }) => RegExp[]) => {
    let best: { aspect: Aspect; at: number } | undefined;
    for (const a of aspects) {
      for (const re of pick(a)) {
        const m = filter.mayMatch(re, text) ? re.exec(text) : null;
        if (m && (best === undefined || m.index < best.at)) best = { aspect: a.aspect, at: m.index };
      }
    }
    return best?.aspect;
  };
  return earliest((a) => a.patterns) ?? (weak ? earliest((a) => a.weak ?? []) : undefined);
}
/** Most aspect patterns find none of their words in a text: one literal pass tells which may match (literals.ts), one filter per list of aspects. */
const aspectFilters = new WeakMap<object, PatternFilter>();
function aspectFilter(aspects: { patterns: RegExp[]; weak?: RegExp[] }[]): PatternFilter {
  let filter = aspectFilters.get(aspects);
  if (!filter) aspectFilters.set(aspects, (filter = new PatternFilter(aspects.flatMap((a) => [...a.patterns, ...(a.weak ?? [])]))));
  return filter;
}
