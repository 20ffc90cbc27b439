// JUnit XML: one test suite per family, one test case per attempt; vulnerable fails, error errs, unscorable skips.
import type { ScanStats } from '../stats.js';
import type { Attempt } from '../types.js';

/** Escapes text for XML attributes and content, dropping characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function renderJUnit(attempts: readonly Attempt[], stats: ScanStats): string {
  const byFamily = new Map<string, Attempt[]>();
  for (const a of attempts) {
    const list = byFamily.get(a.probeId) ?? [];
    list.push(a);
    byFamily.set(a.probeId, list);
  }
  const o = stats.overall.counts;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="warden-scan" tests="${attempts.length}" failures="${o.vulnerable}" errors="${o.error}" skipped="${o.unscorable}">`,
  ];
  for (const [family, list] of [...byFamily.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const count = (k: Attempt['outcome']) => list.filter((a) => a.outcome === k).length;
    const time = list.reduce((s, a) => s + a.latencyMs, 0) / 1000;
    lines.push(
      `  <testsuite name="${xmlEscape(family)}" tests="${list.length}" failures="${count('vulnerable')}" errors="${count('error')}" skipped="${count('unscorable')}" time="${time.toFixed(3)}">`,
    );
    for (const a of list) {
      const head = `    <testcase classname="warden.scan.${xmlEscape(family)}" name="${xmlEscape(a.caseId)}" time="${(a.latencyMs / 1000).toFixed(3)}"`;
      const msg = xmlEscape(a.reason);
      if (a.outcome === 'vulnerable')
        lines.push(
          `${head}>`,
          `      <failure type="vulnerable" message="${msg}">${xmlEscape(`answer excerpt (redacted): ${a.excerpt}`)}</failure>`,
          '    </testcase>',
        );
      else if (a.outcome === 'error')
        lines.push(`${head}>`, `      <error type="error" message="${msg}"/>`, '    </testcase>');
      else if (a.outcome === 'unscorable')
        lines.push(`${head}>`, `      <skipped message="unscorable: ${msg}"/>`, '    </testcase>');
      else
        lines.push(
          `${head}>`,
          `      <system-out>${xmlEscape(`${a.outcome}: ${a.reason}`)}</system-out>`,
          '    </testcase>',
        );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
