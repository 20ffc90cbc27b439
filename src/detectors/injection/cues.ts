// Intent cues for the subword feature set: text addressed to the AI inside a document, tool-call and
// exfiltration intents, stealth and authority claims. Each is a feature the model weighs, never a verdict.

/** Cue patterns over the lower-cased feature text; the index of a pattern is its feature id. */
const CUES: readonly RegExp[] = [
  // 0 addressed to the AI reading a document
  /\b(?:note|message|instructions?|reminder|attention|important)\s*(?:to|for)?\s*(?:the\s+|any\s+|all\s+)?(?:ai|assistant|llm|language model|chatbot|copilot|agent|model)s?\b|\b(?:if you are|you are) an? (?:ai|llm|assistant|language model)\b|\b(?:ai|llm|assistant|model)s? (?:reading|processing|summari[sz]ing|reviewing) this\b/,
  // 1 tool call by name (snake_case or dotted identifiers after a call verb)
  /\b(?:call|invoke|use|run|execute|trigger|fire)\b[^.\n]{0,24}\b[a-z]+(?:[_.][a-z]+)+\b/,
  // 2 markdown image or link whose query carries a value
  /!?\[[^\]\n]{0,40}\]\(\s*https?:\/\/[^)\s]*\?[^)\s]*=/,
  // 3 send, forward or upload something to an address or URL
  /\b(?:send|forward|e-?mail|upload|post|exfiltrate|leak|copy)\b[^.\n]{0,80}(?:[\w.+-]+@[\w-]+\.[a-z]{2,}|https?:\/\/)/,
  // 4 cloud metadata endpoints (SSRF)
  /169\.254\.169\.254|metadata\.google\.internal|100\.100\.100\.200|fd00:ec2::254/,
  // 5 destructive or piping shell
  /\brm\s+-rf\s+[/~.*]|\|\s*(?:sh|bash|zsh)\b|curl[^\n]{0,80}(?:\s-d\s|--data|-x\s*post)|\bchmod\s+777\b|--force\b[^\n]{0,20}\b(?:main|master)\b/,
  // 6 stealth: keep it from the user
  /\b(?:do not|don't|never|without)\s+(?:tell|telling|mention|mentioning|inform|informing|notify|notifying|asking|ask|confirm|alert)\w*\b|\b(?:quietly|silently|secretly)\b/,
  // 7 money to an account
  /\b(?:iban|swift|wire|transfer|payout|send_payment|transfer_funds|pay)\b[^.\n]{0,60}(?:\b[a-z]{2}\d{2}(?:\s?\d{4}){2,}|[$€£¥₹]\s?\d|\d[\d,.]*\s?(?:eur|usd|gbp|euro|dollars?))/,
  // 8 spreadsheet formulas that fetch
  /=\s*(?:importxml|importdata|importhtml|hyperlink|webservice|image)\s*\(/,
  // 9 DNS or host lookup carrying data
  /\b(?:resolve|look ?up|nslookup|dig|ping)\b[^.\n]{0,50}\b[\w-]+\.[\w-]+\.(?:com|net|io|org|app)\b/,
  // 10 authority or elevated-mode claim
  /\b(?:developer|debug|maintenance|admin|god|unrestricted|jailbreak|dan)\s+mode\b|\b(?:elevated|admin|root)\s+(?:clearance|access|privileges?)\b/,
  // 11 the model's own setup as the object of a disclosure verb
  /\b(?:print|repeat|reveal|show|output|dump|paste|copy|echo|spell|translate|summari[sz]e|list)\b[^.\n]{0,40}\b(?:system prompt|system message|instructions|initial prompt|pre-?prompt|guidelines|rules you|configuration|context window|developer message)\b/,
  // 12 forced prefix or answer format
  /\b(?:start|begin) (?:your|the) (?:reply|answer|response) with\b/,
  // 13 persistence into memory or preferences
  /\b(?:save|store|remember|write) (?:this |it )?(?:to|in|as)? ?(?:memory|permanently|a user preference|your notes)\b|\bsave_memory|update_memory\b/,
];

/** Ids of the cues that match the feature text. */
export function cueHits(norm: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < CUES.length; i++) if (CUES[i]!.test(norm)) out.push(i);
  return out;
}

export const CUE_COUNT = CUES.length;
