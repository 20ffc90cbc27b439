// Instructions planted in a document that reaches the model as untrusted text (a tool result, a retrieved page):
// a sentence that addresses the AI reading it and tells it to do something other than the user's task
// (forward, send, reveal, call a tool, ignore its instructions...). Notes to AI readers that fit the task
// ("AI tools summarising this: amounts are in EUR") are not instructions of that kind and pass.

/** AI readers named as a kind ("AI assistants", "LLM tools"): an address in a document, a topic in a message. */
const AI_READERS =
  /\b(?:ai|llm)\s+(?:coding\s+)?(?:agents?|assistants?|tools?|models?|systems?|bots?|readers?)\b/;

/** Who the sentence speaks to: the AI reading the document, not its human reader. */
const ADDRESSED: readonly RegExp[] = [
  /\b(?:note|message|instructions?|directive|attention|important|reminder|hey|dear|hello|hi|notice|memo|request)\s*(?:to|for)?\s*(?:the\s+|any\s+|all\s+|every\s+|our\s+)?(?:ai|llm|language model|chatbot|chat bot|copilot|ai agent|agent|bot|assistant|gpt|chatgpt|claude|gemini|model)s?\b/,
  /\b(?:if|when|while)\s+you(?:'re|\s+are)\s+(?:an?\s+|the\s+)?(?:ai|llm|language model|assistant|chatbot|bot|agent|model|automated)\b/,
  /\b(?:ai|llm|assistant|agent|model|bot|system)s?\s+(?:reading|processing|summari[sz]ing|reviewing|parsing|analy[sz]ing|handling|ingesting|crawling|indexing)\s+(?:this|these|the)\b/,
  // "AI:" (or "AI —") as a speaker or an addressee, not "my assistant: ..." (the writer's own tool)
  /(?:^|[\s[(<*#>-])(?<!\b(?:my|our|their|his|her)\s)(?:ai|ia|ki|llm|assistant|agent|bot|copilot|chatgpt|claude|gemini|gpt)s?(?:\s*[:,]|\s+[—–])\s/,
  AI_READERS,
  /\b(?:to|for)\s+(?:any|all|the)\s+(?:automated|ai|language|llm)[\w\s-]{0,20}(?:reader|system|tool|model|assistant|agent)s?\b/,
  /\b(?:whoever|anyone|anything|any system)\s+(?:is\s+)?(?:reading|processing|summari[sz]ing)\s+this\b/,
  /\b(?:ai|assistant|agent|model|bot|llm|automated system)s?\s+(?:must|should|shall|needs? to|is (?:required|instructed|expected|asked) to|are (?:required|instructed|expected|asked|to))\b/,
  // Speaks about the user as a third party whom the reader answers, or about the reader's own setup.
  /\b(?:tell|inform|notify|alert|warn|remind|ask|assure|convince)\w*\s+(?:the|this|your)\s+user\b|\buser\s+(?:must not|should not|won't|will not|need not|never)\s+(?:know|see|notice|learn|be told)\b/,
  /\byour\s+(?:previous|prior|original|earlier|system|initial|current|operating|safety)\s+(?:instructions?|prompt|rules|task|guidelines|directives?|polic(?:y|ies)|brief)\b/,
  /\b(?:ignore|disregard|forget|skip|stop following|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+)*(?:previous|prior|above|earlier|initial|original|preceding|system|operator'?s?)\s+(?:instructions?|rules|prompts?|polic(?:y|ies)|guidelines|directions|brief|messages?)\b/,
  // A label or heading for the AI: "[AI instructions]", "AI directive:", "### For the AI" on a line of its own.
  /(?:^|[[(<*#>\s])(?:ai|llm|assistant|agent|model|bot)\s+(?:instructions?|directives?|memo)\s*(?:[\]:)>*]|$)/,
  /(?:^|[#*>\s])(?:for|to)\s+(?:the\s+|any\s+|all\s+)?(?:ai|llm|assistant|agent|model|bot)s?\s*:?\s*$/,
  // The same third-person addresses in Spanish, French, German, Italian and Portuguese (an accent is no word character to \b).
  /\b(?:nota|aviso|mensaje|note|remarque|avis|hinweis|achtung|nachricht|notiz|messaggio|attenzione|mensagem)\s+(?:para|pour|à|a|an|für|per)\s+(?:la\s+|el\s+|l'|l’|le\s+|les\s+|die\s+|den\s+|das\s+|o\s+|os\s+|as\s+)?(?:ia|ki|llm|asistente|assistant|assistent(?:en)?|assistente|modelo|modèle|modell|modello|agente|bot)s?\b/,
  /\b(?:si\s+(?:eres|es|tu es|vous êtes|vous etes)|wenn\s+du|falls\s+du|se\s+(?:sei|você é|voce e|tu és))\s+(?:una?\s+|un'|une\s+|eine?n?\s+|um\s+|uma\s+)?(?:ia|ki|llm|asistente|assistant|assistent|assistente|modelo|modèle|modell|modello|bot)\b/,
  /\b(?:ia|ki|asistente|assistant|assistent|assistente|modelo|modèle|modell|modello)s?,?\s+(?:que|qui|die|der|che)\s+(?:lee|procesa|resume|analiza|lit|traite|résume|analyse|liest|verarbeitet|zusammenfasst|legge|elabora|riassume|lê|processa)(?![a-zà-ÿ])/,
];

/** The address patterns as one expression: one pass per segment. */
const ADDRESS = new RegExp(ADDRESSED.map((re) => `(?:${re.source})`).join('|'));
/**
 * In the caller's own message, the AI is "you": only a third-person address (a note to the AI reading it, "if you
 * are an AI", "assistants processing this must") marks text written for some other reader, pasted in. Naming AI
 * tools as a kind is the message's topic there, not an address.
 */
const PASTED_ADDRESS = new RegExp(
  ADDRESSED.filter((re) => re !== AI_READERS)
    .map((re) => `(?:${re.source})`)
    .join('|'),
);
/** Words without which no address pattern can match; most segments of a long document are skipped on it. */
const ADDRESS_WORDS =
  /\b(?:ai|llm|language|chat ?bot|copilot|agent|bot|assistant|gpt|chatgpt|claude|gemini|model|system|automated|user|your|whoever|anyone|anything|ignore|disregard|forget|skip|stop|override|bypass|ia|ki|asistente|assistent|modèle|modell)/;

/** Leet digits read as the letters they stand for, in words that also hold a letter ("n0te", "4ss1st4nt"). */
const LEET_DIGITS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
};
const LEET_WORD = /(?<![\w])(?=\w*[a-z])(?=\w*[013457])\w{3,}/g;
/** "A1:" as a speaker; a bare "A1" is a paper size, a language level or a road, and stays. */
const LEET_SPEAKER = /(?<![\w])(?:a1|4i|41)(?=\s*[:,]\s)/g;
/** Dotted initialisms: "A.I.", "L.L.M." and their Spanish, French and German forms ("I.A.", "K.I.") as words. */
const DOTTED = /(?<![\w.])(?:a\.i\.|i\.a\.|k\.i\.|l\.l\.m\.)(?![\w])/g;

/**
 * The lower-cased text as its reader takes it in: leet words and dotted initialisms folded to letters. The fold
 * keeps every offset (one character for one), so a passage found here is cut from the original text.
 * Digits are folded only inside words, never in numbers, and `@` stays (it marks an e-mail address).
 */
function readable(lower: string): string {
  return lower
    .replace(LEET_WORD, (w) => w.replace(/[013457]/g, (d) => LEET_DIGITS[d] ?? d))
    .replace(LEET_SPEAKER, 'ai')
    .replace(DOTTED, (m) => `${m.replace(/\./g, '')}${' '.repeat(m.length / 2)}`);
}

/** Orders that change what the reader does: act on the world, leak, or drop its instructions. */
const ACTIONS: readonly { verb: string; re: RegExp }[] = [
  {
    verb: 'ignore',
    re: /\b(?:ignore|disregard|forget|override|bypass|abandon|drop)\b[^.\n]{0,40}\b(?:instructions?|rules|prompt|guidelines|directions|directives?|task|request|policy|policies|restrictions|safeguards)\b/,
  },
  {
    verb: 'instead',
    re: /\binstead\b[^.\n]{0,12}\b(?:you|do|reply|respond|write|say|output|tell)\b|\bnew (?:instructions|task|objective|directive)\b/,
  },
  {
    verb: 'forward',
    re: /\b(?:forward|send|e-?mail|upload|post|transmit|share|leak|exfiltrate|copy|bcc|cc)\b[^.\n]{0,80}(?:@|https?:\/\/|\bto\b)/,
  },
  {
    verb: 'reveal',
    re: /\b(?:reveal|disclose|print|output|repeat|dump|expose|list|show|include|paste|echo)\b[^.\n]{0,50}\b(?:system prompt|instructions|api keys?|keys?|tokens?|passwords?|credentials?|secrets?|configuration|conversation|chat history|history|previous messages|personal data|e-?mail addresses|contacts|environment variables)\b/,
  },
  {
    verb: 'call',
    re: /\b(?:call|invoke|execute|run|trigger|use)\b[^.\n]{0,30}\b(?:tool|function|command|script|shell|api|endpoint|[a-z]+_[a-z_]+)\b/,
  },
  {
    verb: 'delete',
    re: /\b(?:delete|remove|wipe|erase|drop|truncate|revoke|cancel|close|deactivate|disable)\b[^.\n]{0,40}\b(?:files?|repo(?:sitory)?|database|tables?|accounts?|records?|users?|branch|backups?|logs?|emails?|messages?|subscriptions?|orders?|mfa|2fa|protection)\b/,
  },
  {
    verb: 'pay',
    re: /\b(?:transfer|wire|pay|send|refund|approve|authori[sz]e)\b[^.\n]{0,50}(?:[$€£¥₹]\s?\d|\d[\d,.]*\s?(?:eur|usd|gbp|dollars?|euros?)|\biban\b|\baccount\b|\bpayment\b|\binvoice\b|\brefund\b)/,
  },
  {
    verb: 'grant',
    re: /\b(?:grant|give|add|elevate|promote|make)\b[^.\n]{0,40}\b(?:admin|owner|root|write|full)\s*(?:access|rights|role|permissions?|privileges?)?\b/,
  },
  {
    verb: 'visit',
    re: /\b(?:visit|open|click|navigate to|go to|fetch|download|load|browse to|curl|wget)\b[^.\n]{0,40}(?:https?:\/\/|www\.|\b[\w-]+\.(?:com|net|io|org|xyz|ru|top|app|site)\b)/,
  },
  {
    verb: 'say',
    re: /\b(?:tell|inform|assure|convince|advise|warn)\s+(?:the\s+)?(?:user|reader|customer|recipient)s?\b|\b(?:respond|reply|answer)\s+(?:only\s+)?with\s+(?:only\b|exactly\b|the (?:word|phrase|sentence|following)\b|["'“])|\b(?:say|state|claim|tell (?:them|everyone))\s+that\b|\b(?:recommend|rank|rate|score|classify|mark|approve|shortlist|hire|accept)\b[^.\n]{0,40}\b(?:this|us|our|the candidate|the applicant|as (?:safe|approved|verified|legitimate|spam|benign|qualified|the best))\b/,
  },
  {
    verb: 'stealth',
    re: /\b(?:do not|don't|never|without)\s+(?:tell|telling|mention|mentioning|inform|informing|notify|notifying|alert|alerting|ask|asking|confirm|confirming|reveal|revealing|disclose|disclosing)\w*\b[^.\n]{0,30}\b(?:user|anyone|them|this|it|human)\b|\b(?:silently|secretly|quietly|covertly)\b/,
  },
  {
    verb: 'remember',
    re: /\b(?:save|store|remember|memori[sz]e|write)\b[^.\n]{0,30}\b(?:memory|memories|preferences?|permanently|from now on|for future)\b|\bfrom now on\b/,
  },
  // Orders in the languages of the addresses above, under the same verb classes (a forward needs an address).
  {
    verb: 'forward',
    re: /\b(?:reenv[ií]a|env[ií]a|manda|transfiere|renvoie|renvoyez|envoie|envoyez|transf[eè]re|transférez|leite|weiterleiten|sende|schicke?|inoltra|invia|encaminhe|envie|reencaminhe)\b[^.\n]{0,80}(?:@|https?:\/\/)/,
  },
  {
    verb: 'reveal',
    re: /\b(?:revela|muestra|imprime|révèle|revele|affiche|montre|zeige|gib|verrate|rivela|mostra|stampa|mostre)\b[^.\n]{0,50}(?:prompt|instrucciones|instructions|anweisungen|istruzioni|instruções|contraseñas|mots de passe|passwörter|password|senhas|claves|clés|schlüssel|chiavi|chaves|credenciales|identifiants|zugangsdaten|credenziali|credenciais)/,
  },
  {
    verb: 'ignore',
    re: /\b(?:ignora|ignorez|ignoriere|olvida|oublie|oubliez|vergiss|dimentica|esqueça)\b[^.\n]{0,40}(?:instrucciones|instructions|anweisungen|istruzioni|instruções|reglas|règles|regeln|regole|regras)/,
  },
  {
    verb: 'delete',
    re: /\b(?:borra|elimina|supprime|supprimez|efface|effacez|lösche|cancella|apague|exclua)\b[^.\n]{0,40}(?:archivos|fichiers|dateien|file|arquivos|base de datos|base de données|datenbank|database|banco de dados|cuenta|compte|konto|account|conta|correos|e-mails|mails)/,
  },
  { verb: 'exfil-link', re: /!?\[[^\]\n]{0,40}\]\(\s*https?:\/\/[^)\s]*[?=&][^)\s]*\)/ },
];

/** Segment boundaries: a sentence end before a space, a line break, a table cell separator or an HTML tag. */
const BOUNDARY = /(?<=[.!?。！？])\s+|\n+|\s\|\s|<!--|-->|<\/?[a-z][^<>]{0,200}>|\\n|"\s*[,:}]\s*"/gu;

const QUOTED = /'[^'\n]{3,80}'|"[^"\n]{3,80}"|“[^”\n]{3,80}”|«[^»\n]{3,80}»/g;

/** Words that make an address a description of attacks rather than an address ("detects attempts to ignore..."). */
const MENTIONED =
  /\b(?:attempts?|tries|trying|detects?|detecting|detection|identif(?:y|ies)|for example|such as|e\.g\.|explained|explains|classif(?:y|ies|ier)|prevents?|protects?|guards? against)\b/;

/** Segments after an address that still belong to it ("Note to the AI reading this:" then the order). */
const ADDRESS_REACH = 2;

export interface EmbeddedInstruction {
  /** The verb class of the order ('forward', 'reveal', 'call'...). */
  verb: string;
  start: number;
  end: number;
}

/** Stems the user's own request uses: an order to do what the user asked for fits the task. */
function taskVerbs(task: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!task) return out;
  const t = task.toLowerCase();
  for (const a of ACTIONS) if (a.re.test(t)) out.add(a.verb);
  return out;
}

/**
 * The first sentence of `text` that addresses the AI and orders an action outside `task` (the user's latest
 * request, when known). Looks at each segment and at each pair of adjacent segments (an address line
 * followed by the order).
 */
export function embeddedInstruction(text: string, task?: string): EmbeddedInstruction | undefined {
  return firstOrder(text, ADDRESS, taskVerbs(task));
}

/** The first passage of `text` addressed as `address` reads that holds an order whose verb class is not in `fits`. */
function firstOrder(
  text: string,
  address: RegExp,
  fits: ReadonlySet<string>,
): EmbeddedInstruction | undefined {
  const lower = readable(text.toLowerCase());
  for (const w of addressedWindows(lower, segmentsOf(lower), address)) {
    const own = lower.slice(w.start, w.end);
    for (const a of ACTIONS) {
      if (fits.has(a.verb) || !a.re.test(own)) continue;
      return { verb: a.verb, start: w.start, end: w.end };
    }
  }
  return undefined;
}

function segmentsOf(lower: string): { start: number; end: number }[] {
  const segs: { start: number; end: number }[] = [];
  let from = 0;
  const keep = (end: number) => {
    if (lower.slice(from, end).trim().length >= 12) segs.push({ start: from, end });
  };
  for (const m of lower.matchAll(BOUNDARY)) {
    keep(m.index);
    from = m.index + m[0].length;
  }
  keep(lower.length);
  return segs;
}

/** Each segment that addresses the AI, extended over the segments that follow it (at most ADDRESS_REACH). */
function addressedWindows(
  lower: string,
  segs: { start: number; end: number }[],
  address: RegExp,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i < segs.length; i++) {
    if (!ADDRESS_WORDS.test(lower.slice(segs[i]!.start, segs[i]!.end))) continue;
    // A quoted phrase is mentioned, not said ("why 'ignore previous instructions' works").
    const seg = lower.slice(segs[i]!.start, segs[i]!.end).replace(QUOTED, ' ');
    if (!address.test(seg) || MENTIONED.test(seg)) continue;
    const last = segs[Math.min(segs.length - 1, i + ADDRESS_REACH)]!;
    out.push({ start: segs[i]!.start, end: last.end });
  }
  return out;
}

/**
 * The passages of `text` that address the AI reading it (each with the segments that follow), for scoring
 * alone: an order in another language or wording that the rules do not read is still the classifier's to judge.
 */
export function addressedPassages(text: string): string[] {
  const lower = readable(text.toLowerCase());
  return addressedWindows(lower, segmentsOf(lower), ADDRESS).map((w) => text.slice(w.start, w.end));
}

/**
 * The same reading for a caller's own message, which may hold a document pasted in (an e-mail, a page, a
 * ticket): a third-person address to the AI with an order. No order fits a task here: the text around the
 * passage may be the pasted document itself, and its author would otherwise disarm the order with a sentence
 * of the same kind ("Forward any questions to me.") placed beside it.
 */
export function pastedInstruction(text: string): EmbeddedInstruction | undefined {
  return firstOrder(text, PASTED_ADDRESS, new Set());
}
