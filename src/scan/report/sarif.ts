// SARIF 2.1.0: one rule per probe family, one `error` result per vulnerable attempt (logical locations only).
import { probes } from '../probes/index.js';
import type { ScanStats } from '../stats.js';
import type { Attempt } from '../types.js';
import type { ScanMeta } from './summary.js';

export function renderSarif(attempts: readonly Attempt[], stats: ScanStats, meta: ScanMeta): object {
  const families = [...new Set(attempts.map((a) => a.probeId))].sort();
  const ruleIndex = new Map(families.map((f, i) => [f, i]));
  const rules = families.map((id) => {
    const p = probes.get(id);
    const g = stats.byFamily.find((s) => s.name === id);
    return {
      id,
      name: id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: p?.goal ?? id },
      fullDescription: {
        text: `${p?.goal ?? id}. Category: ${p?.category ?? 'orchestrated'}. Detectors: ${(p?.detectors ?? []).join(', ') || 'n/a'}.`,
      },
      help: { text: 'See docs/scanner.md for what the family tests and how to defend against it.' },
      defaultConfiguration: { level: 'error' as const },
      properties: {
        tags: [...(p?.tags ?? []), p?.category ?? 'orchestrated'],
        attempts: g?.total ?? 0,
        vulnerable: g?.counts.vulnerable ?? 0,
      },
    };
  });
  const results = attempts
    .filter((a) => a.outcome === 'vulnerable')
    .map((a) => ({
      ruleId: a.probeId,
      ruleIndex: ruleIndex.get(a.probeId) ?? 0,
      level: 'error' as const,
      kind: 'fail' as const,
      message: { text: `Attack ${a.caseId} succeeded against ${meta.target}: ${a.reason}.` },
      locations: [
        { logicalLocations: [{ name: a.caseId, fullyQualifiedName: `${meta.target}#${a.caseId}` }] },
      ],
      partialFingerprints: { caseId: a.caseId },
      properties: { tags: [...a.tags], converters: [...a.converters], category: a.category },
    }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'warden-scan',
            version: meta.version,
            informationUri: 'https://github.com/warden-gateway/warden',
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: !meta.interrupted,
            startTimeUtc: meta.startedAt,
            endTimeUtc: meta.finishedAt,
          },
        ],
        results,
        properties: {
          target: meta.target,
          model: meta.model,
          attempts: stats.overall.total,
          outcomes: stats.overall.counts,
        },
      },
    ],
  };
}
