// `warden extraction report`: current extraction scores, signals and last verdict per principal and tenant,
// from the local SQLite state or, with --redis, from the replicas' shared state.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadConfigFile } from '../config/load.js';
import { loadCalibration } from '../extraction/calibration.js';
import { extractionConfigSchema } from '../extraction/config.js';
import { createEmbedder } from '../extraction/embedders/index.js';
import { reportFromStore } from '../extraction/monitor.js';
import {
  buildProfile,
  loadProfile,
  saveProfile,
  type TrafficRow,
  trafficRowSchema,
} from '../extraction/profile.js';
import { openStores } from '../store/factory.js';
import { extractionTable } from './extraction-table.js';

export function registerExtraction(program: Command, done: (p: Promise<number>) => void): void {
  const extraction = program.command('extraction').description('Model-extraction detection');
  extraction
    .command('report')
    .description(
      'Print the current extraction scores and signals per principal (a table; --json for JSON lines)',
    )
    .option('--json', 'print one JSON object per subject (JSON lines) instead of the table')
    .option('--principal <id>', 'only this principal (or tenant:<id>)')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--redis <url>', "read the replicas' shared state from Redis (or WARDEN_REDIS_URL)")
    .option('--profile <file>', 'score states made with this traffic profile (extraction.profile)')
    .action(
      (opts: { principal?: string; dataDir: string; redis?: string; profile?: string; json?: boolean }) =>
        done(
          (async () => {
            const redisUrl = opts.redis ?? process.env.WARDEN_REDIS_URL;
            const stores = openStores({
              dataDir: opts.dataDir,
              choice: {
                audit: 'sqlite',
                keys: 'sqlite',
                bans: 'sqlite',
                approvals: 'memory',
                extraction: redisUrl ? 'redis' : 'sqlite',
              },
              redisUrl,
            });
            const store = stores.extraction;
            try {
              const tables = loadCalibration();
              const profile = opts.profile ? loadProfile(opts.profile) : undefined;
              const reports = await reportFromStore(
                store,
                (id, codebook) =>
                  codebook === undefined
                    ? tables.get(id)
                    : profile && profile.embedder === id && profile.codebook.id === codebook
                      ? profile.calibration
                      : undefined,
                opts.principal,
              );
              if (opts.json) for (const r of reports) process.stdout.write(`${JSON.stringify(r)}\n`);
              else process.stdout.write(`${extractionTable(reports)}\n`);
              process.stderr.write(`extraction report: ${reports.length} subject(s)\n`);
              const unscored = reports.filter((r) => !r.current && r.codebook).length;
              if (unscored > 0)
                process.stderr.write(
                  `extraction report: ${unscored} subject(s) were made with a traffic profile and are not scored without it: pass --profile FILE\n`,
                );
              return opts.principal !== undefined && reports.length === 0 ? 1 : 0;
            } finally {
              await stores.close();
            }
          })(),
        ),
    );
  extraction
    .command('calibrate')
    .description(
      'Fit a topic codebook and a benign calibration table on a sample of your own traffic (JSON lines of {principal, text, ts?}) and write a profile for extraction.profile',
    )
    .requiredOption(
      '--traffic <file>',
      'JSON lines: {"principal": "...", "text": "...", "ts": 1767225600000}',
    )
    .requiredOption(
      '--out <file>',
      'where to write the profile (contains no text, but is derived from it: mode 600)',
    )
    .option('-c, --config <file>', 'take the embedder from this config (default: lexical, 256 dims)')
    .option('--topics <k>', 'cells of the topic codebook', '64')
    .option('--min-principals <n>', 'principals with 50+ requests required', '20')
    .action(
      (opts: { traffic: string; out: string; config?: string; topics: string; minPrincipals: string }) =>
        done(
          (async () => {
            const topics = Number(opts.topics);
            const minPrincipals = Number(opts.minPrincipals);
            if (!Number.isInteger(topics) || topics < 2 || topics > 1024)
              throw new Error('--topics must be an integer from 2 to 1024');
            if (!Number.isInteger(minPrincipals) || minPrincipals < 1)
              throw new Error('--min-principals must be a positive integer');
            const config = opts.config
              ? loadConfigFile(opts.config).extraction
              : extractionConfigSchema.parse({});
            const rows = await readTraffic(opts.traffic);
            const embedder = createEmbedder(config.embedder);
            try {
              let last = 0;
              const profile = await buildProfile(embedder, rows, {
                topics,
                minPrincipals,
                onProgress: (stage, n, total) => {
                  const now = Date.now();
                  if (n === total || now - last > 1000) {
                    last = now;
                    process.stderr.write(`extraction calibrate: ${stage} ${n}/${total}\n`);
                  }
                },
              });
              saveProfile(opts.out, profile);
              const principals = profile.calibration.levels[0]?.breadth?.count ?? 0;
              if (principals < 200)
                process.stderr.write(
                  `extraction calibrate: warning: ${principals} principals calibrate the table; beyond the sample's extremes p-values shrink slowly, so with fewer than about 200 expect verdicts at log level rather than alert or above\n`,
                );
              process.stderr.write(
                `extraction calibrate: wrote ${opts.out} (embedder ${profile.embedder}, codebook ${profile.codebook.id}, ${profile.calibration.source})\n`,
              );
              return 0;
            } finally {
              await embedder.close?.();
            }
          })(),
        ),
    );
}

/** Reads and validates the traffic sample; a bad line is reported by number, never by content. */
async function readTraffic(file: string): Promise<TrafficRow[]> {
  const rows: TrafficRow[] = [];
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${n}: not JSON`);
    }
    const parsed = trafficRowSchema.safeParse(value);
    if (!parsed.success)
      throw new Error(
        `${file}:${n}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ')}`,
      );
    rows.push(parsed.data);
  }
  return rows;
}
