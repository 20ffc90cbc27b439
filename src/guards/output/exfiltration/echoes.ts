// Off-list images and links the caller itself sent, echoed back without data: with `callerEchoes: 'pass'`
// they are not exfiltration (the model repeating the user's own link leaks nothing the caller did not send).
import type { GuardContext } from '../../../core/context.js';
import { requestTexts } from '../../../core/request-texts.js';
import { judgeUrl } from '../../../detectors/exfil/url-data.js';
import type { Finding } from '../../../detectors/finding.js';

/** The kinds a URL without data gets under the off-list policies; anything carrying data is never an echo. */
const NO_DATA_KINDS = new Set(['off-list-image', 'off-list-link']);
/** URL-shaped tokens in a construct: an absolute or protocol-relative URL, up to a delimiter. */
const URL_TOKEN = /(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/[^\s"'<>()[\]`]+/g;
const STATE_KEY = 'exfiltration.callerTexts';

/** The URL tokens of the caller's own texts (user turns, system and developer messages), once per request. */
function callerUrls(ctx: GuardContext): ReadonlySet<string> {
  const cached = ctx.state.get(STATE_KEY);
  if (cached instanceof Set) return cached as Set<string>;
  const urls = new Set<string>();
  for (const p of requestTexts(ctx.route, ctx.body)) {
    if ((p.trust !== 'user' && p.trust !== 'caller-system') || p.identifier) continue;
    for (const u of p.text.match(URL_TOKEN) ?? []) urls.add(u);
  }
  ctx.state.set(STATE_KEY, urls);
  return urls;
}

/**
 * True when the construct `span` (the text of a no-data finding) points only at URLs that are whole URL tokens of
 * the caller's texts and carry no data there either. A construct without a URL token (a reference use whose
 * definition holds the URL) is not an echo: it stays flagged.
 */
function echoed(span: string, caller: ReadonlySet<string>): boolean {
  const urls = span.match(URL_TOKEN) ?? [];
  if (urls.length === 0) return false;
  return urls.every((u) => {
    // Whole tokens: a prefix of the caller's URL (a path cut short) is a URL the model made.
    if (!caller.has(u)) return false;
    const v = judgeUrl(u, []);
    return v.kind === 'ok' || (v.kind === 'off-list' && !v.carriesData);
  });
}

/** Findings without the caller's own no-data URLs echoed back. */
export function withoutCallerEchoes(found: Finding[], text: string, ctx: GuardContext): Finding[] {
  if (!found.some((f) => NO_DATA_KINDS.has(f.kind))) return found;
  const caller = callerUrls(ctx);
  if (caller.size === 0) return found;
  // A construct that began before this window (start < 0) cannot be read whole here: it stays flagged.
  return found.filter(
    (f) => !(NO_DATA_KINDS.has(f.kind) && f.start >= 0 && echoed(text.slice(f.start, f.end), caller)),
  );
}
