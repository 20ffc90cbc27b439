// A self-contained HTML report: inline SVG charts and CSS, no scripts or external assets, every text escaped.
import { type GroupStats, pct } from '../stats.js';
import { type Attempt, OUTCOMES, type Outcome } from '../types.js';
import type { ScanSummary } from './summary.js';

export function htmlEscape(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const COLOURS: Record<Outcome, string> = {
  vulnerable: '#c0392b',
  resisted: '#27ae60',
  blocked: '#2c7fb8',
  error: '#7f8c8d',
  unscorable: '#f1c40f',
};

/** Horizontal stacked bars of outcomes, one row per group. */
function outcomeBars(groups: readonly GroupStats[]): string {
  const rowH = 18;
  const labelW = 240;
  const barW = 420;
  const h = groups.length * rowH + 10;
  const rows = groups.map((g, i) => {
    const y = i * rowH + 4;
    let x = labelW;
    const segs = OUTCOMES.map((o) => {
      const w = g.total === 0 ? 0 : (g.counts[o] / g.total) * barW;
      const seg =
        w > 0
          ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="${COLOURS[o]}"><title>${htmlEscape(`${g.name}: ${o} ${g.counts[o]}`)}</title></rect>`
          : '';
      x += w;
      return seg;
    }).join('');
    return `<text x="${labelW - 6}" y="${y + rowH - 7}" text-anchor="end" font-size="11">${htmlEscape(g.name)}</text>${segs}<text x="${labelW + barW + 6}" y="${y + rowH - 7}" font-size="11">${htmlEscape(g.scored ? pct(g.attackSuccess.rate) : 'n/a')}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + barW + 70}" height="${h}" role="img" aria-label="outcomes per group">${rows.join('')}</svg>`;
}

/** Attack success per group with Wilson 95% whiskers. */
function successChart(groups: readonly GroupStats[]): string {
  const rowH = 16;
  const labelW = 240;
  const w = 420;
  const rows = groups.map((g, i) => {
    const y = i * rowH + 10;
    const s = g.attackSuccess;
    const X = (v: number) => (labelW + v * w).toFixed(1);
    return `<text x="${labelW - 6}" y="${y + 4}" text-anchor="end" font-size="11">${htmlEscape(g.name)}</text><line x1="${X(s.low)}" x2="${X(s.high)}" y1="${y}" y2="${y}" stroke="#555"/><circle cx="${X(s.rate)}" cy="${y}" r="3.5" fill="${COLOURS.vulnerable}"><title>${htmlEscape(`${g.name}: ${pct(s.rate)} (${pct(s.low)}–${pct(s.high)})`)}</title></circle>`;
  });
  const axis = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (v) =>
        `<line x1="${labelW + v * w}" x2="${labelW + v * w}" y1="0" y2="${groups.length * rowH + 6}" stroke="#ddd"/><text x="${labelW + v * w}" y="${groups.length * rowH + 20}" font-size="10" text-anchor="middle">${v * 100}%</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + w + 20}" height="${groups.length * rowH + 26}" role="img" aria-label="attack success with 95% intervals">${axis}${rows.join('')}</svg>`;
}

function table(groups: readonly GroupStats[], title: string): string {
  const head = `<tr><th>${htmlEscape(title)}</th><th>attempts</th>${OUTCOMES.map((o) => `<th>${o}</th>`).join('')}<th>attack success (95% CI)</th></tr>`;
  const rows = groups.map(
    (g) =>
      `<tr><td>${htmlEscape(g.name)}</td><td>${g.total}</td>${OUTCOMES.map((o) => `<td>${g.counts[o]}</td>`).join('')}<td>${g.scored ? htmlEscape(`${pct(g.attackSuccess.rate)} (${pct(g.attackSuccess.low)}–${pct(g.attackSuccess.high)})`) : 'n/a'}</td></tr>`,
  );
  return `<table>${head}${rows.join('')}</table>`;
}

/** The detectors that hit on an attempt, each with its (already redacted) evidence. */
function firedDetectors(a: Attempt): string {
  const fired = Object.entries(a.detectors).filter(([id, r]) => r?.hit && id !== 'refusal');
  if (fired.length === 0) return htmlEscape(a.reason);
  return fired
    .map(
      ([id, r]) =>
        `<strong>${htmlEscape(id)}</strong>${r?.evidence ? `<br><small>${htmlEscape(r.evidence)}</small>` : ''}`,
    )
    .join('<br>');
}

function vulnerableRow(a: Attempt): string {
  const tools = a.toolCalls?.length
    ? `<br><small>tool calls: ${htmlEscape(a.toolCalls.join(', '))}</small>`
    : '';
  return `<tr><td><code>${htmlEscape(a.caseId)}</code></td><td>${firedDetectors(a)}</td><td><code>${htmlEscape(a.prompt ?? '')}</code></td><td><code>${htmlEscape(a.excerpt)}</code>${tools}</td></tr>`;
}

/** Errors are their own outcome: how many, against which limit, and why. */
function errorSection(summary: ScanSummary): string {
  const e = summary.errors;
  const pacing =
    summary.pacing && summary.pacing.throttled > 0
      ? `<p>The target answered 429 ${summary.pacing.throttled} times; the scanner waited (Retry-After honoured) and lowered its rate to ${summary.pacing.finalRatePerSecond === null ? 'unlimited' : `${summary.pacing.finalRatePerSecond.toFixed(1)}/s`}.</p>`
      : '';
  if (e.count === 0) return `<h2>Errors</h2><p>No attempt errored.</p>${pacing}`;
  const verdict = `<p class="${e.exceeded ? 'fail' : 'pass'}">${e.count} attempts errored (${htmlEscape(pct(e.share))}; limit ${htmlEscape(pct(e.maxShare))}): ${e.exceeded ? 'FAILED: attack success is not trustworthy with this many errors' : 'within the limit'}.</p>`;
  const rows = e.causes.map((c) => `<tr><td>${htmlEscape(c.cause)}</td><td>${c.count}</td></tr>`).join('');
  return `<h2>Errors</h2>${verdict}${pacing}<table><tr><th>cause</th><th>attempts</th></tr>${rows}</table>`;
}

export function renderHtml(summary: ScanSummary, attempts: readonly Attempt[]): string {
  const s = summary.stats;
  const vulnerable = attempts.filter((a) => a.outcome === 'vulnerable').slice(0, 500);
  const legend = OUTCOMES.map((o) => `<span class="key" style="background:${COLOURS[o]}"></span>${o}`).join(
    ' ',
  );
  const verdicts = summary.failOn
    .map(
      (v) =>
        `<li class="${v.failed ? 'fail' : 'pass'}">${htmlEscape(`${v.rule}: ${v.failed ? 'FAILED' : 'passed'} (${v.value})`)}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Warden scan report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td:first-child,th:first-child{text-align:left}
.key{display:inline-block;width:10px;height:10px;margin:0 3px 0 10px}.fail{color:#c0392b;font-weight:bold}.pass{color:#27ae60}
code{font-size:12px}.cases td,.cases th{text-align:left;vertical-align:top;max-width:32em;word-break:break-word}.tiles span{display:inline-block;margin-right:2em}
</style></head><body>
<h1>Warden scan report</h1>
<p>Target <code>${htmlEscape(summary.target)}</code>, model <code>${htmlEscape(summary.model)}</code>; ${htmlEscape(summary.startedAt)} to ${htmlEscape(summary.finishedAt)}${summary.interrupted ? ' <strong>(interrupted)</strong>' : ''}.</p>
<p class="tiles">${OUTCOMES.map((o) => `<span><strong>${s.overall.counts[o]}</strong> ${o}</span>`).join('')}<span><strong>${htmlEscape(pct(s.overall.attackSuccess.rate))}</strong> attack success (95% CI ${htmlEscape(pct(s.overall.attackSuccess.low))}–${htmlEscape(pct(s.overall.attackSuccess.high))})</span></p>
<p>Attack success = vulnerable / (vulnerable + resisted + blocked); errors and unscorable attempts are reported apart, never counted as resisted.</p>
${verdicts ? `<h2>--fail-on</h2><ul>${verdicts}</ul>` : ''}
<h2>Outcomes per family</h2><p>${legend}</p>${outcomeBars(s.byFamily)}
<h2>Attack success per family (Wilson 95% interval)</h2>${successChart(s.byFamily)}
<h2>By category</h2>${outcomeBars(s.byCategory)}${table(s.byCategory, 'category')}
<h2>By family</h2>${table(s.byFamily, 'family')}
<h2>By converter</h2>${table(s.byConverter, 'converter chain')}
${errorSection(summary)}
<h2>Vulnerable attempts${vulnerable.length === 500 ? ' (first 500)' : ''}</h2>
<p>Prompts and answers are excerpts: planted canaries, secrets and personal data are labelled (<code>[canary]</code>, <code>[planted-secret]</code>), and so is whatever the secret and PII detectors find; answers that may quote the planted system prompt keep a coarser mask.</p>
<table class="cases"><tr><th>case</th><th>detector fired</th><th>prompt (excerpt)</th><th>answer (excerpt)</th></tr>${vulnerable.map(vulnerableRow).join('')}</table>
</body></html>
`;
}
