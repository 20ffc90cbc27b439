// `--fail-on` rules: `vulnerable>0`, `error>=3`, `vulnerable>5%`, `family:exfiltration>5%` -> which rules fail.
import type { GroupStats, ScanStats } from './stats.js';
import { OUTCOMES, type Outcome } from './types.js';

export interface FailRule {
  text: string;
  scope: { kind: 'overall' } | { kind: 'family'; name: string };
  outcome: Outcome;
  op: '>' | '>=';
  threshold: number;
  percent: boolean;
}

const RULE =
  /^(?:family:([\w.-]+)\s*)?(?:(vulnerable|resisted|blocked|error|unscorable))?\s*(>=|>)\s*(\d+(?:\.\d+)?)(%?)$/;

/** Parses a comma list of rules; the outcome defaults to `vulnerable` (so `family:x>5%` reads naturally). */
export function parseFailRules(spec: string): FailRule[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((text) => {
      const m = RULE.exec(text.replace(/\s+/g, ''));
      if (!m)
        throw new Error(`bad --fail-on rule '${text}' (examples: vulnerable>0, family:exfiltration>5%)`);
      const outcome = (m[2] ?? 'vulnerable') as Outcome;
      if (!OUTCOMES.includes(outcome)) throw new Error(`unknown outcome in '${text}'`);
      return {
        text,
        scope: m[1] ? { kind: 'family', name: m[1] } : { kind: 'overall' },
        outcome,
        op: m[3] as '>' | '>=',
        threshold: Number(m[4]),
        percent: m[5] === '%',
      };
    });
}

export interface RuleVerdict {
  rule: string;
  failed: boolean;
  value: string;
}

function measure(g: GroupStats, rule: FailRule): number {
  const k = g.counts[rule.outcome];
  if (!rule.percent) return k;
  // Rates of vulnerable/resisted/blocked are over scored attempts; errors and unscorable over all attempts.
  const n = rule.outcome === 'error' || rule.outcome === 'unscorable' ? g.total : g.scored;
  return n === 0 ? 0 : (100 * k) / n;
}

/** Evaluates each rule; a `family:NAME` rule matches a family id or a category and fails if any match fails. */
export function evaluateFailRules(rules: readonly FailRule[], stats: ScanStats): RuleVerdict[] {
  return rules.map((rule) => {
    const groups =
      rule.scope.kind === 'overall'
        ? [stats.overall]
        : [...stats.byFamily, ...stats.byCategory].filter(
            (g) => g.name === (rule.scope as { name: string }).name,
          );
    if (groups.length === 0) return { rule: rule.text, failed: false, value: 'no attempts in scope' };
    const values = groups.map((g) => measure(g, rule));
    const worst = Math.max(...values);
    const failed = rule.op === '>' ? worst > rule.threshold : worst >= rule.threshold;
    return { rule: rule.text, failed, value: rule.percent ? `${worst.toFixed(1)}%` : String(worst) };
  });
}
