// `warden extraction report`: current extraction scores, signals and last verdict per principal and tenant,
// from the local SQLite state or, with --redis, from the replicas' shared state.
import type { Command } from 'commander';
import { loadCalibration } from '../extraction/calibration.js';
import { reportFromStore } from '../extraction/monitor.js';
import type { ExtractionStateStore } from '../store/extraction.js';
import { RedisExtractionStateStore } from '../store/redis/extraction.js';
import { openSqlite } from '../store/sqlite/db.js';
import { SqliteExtractionStateStore } from '../store/sqlite/extraction.js';

export function registerExtraction(program: Command, done: (p: Promise<number>) => void): void {
  const extraction = program.command('extraction').description('Model-extraction detection');
  extraction
    .command('report')
    .description('Print the current extraction scores and signals per principal (JSON lines)')
    .option('--principal <id>', 'only this principal (or tenant:<id>)')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--redis <url>', "read the replicas' shared state from Redis (or WARDEN_REDIS_URL)")
    .action((opts: { principal?: string; dataDir: string; redis?: string }) =>
      done(
        (async () => {
          const redisUrl = opts.redis ?? process.env.WARDEN_REDIS_URL;
          const db = redisUrl ? undefined : openSqlite(opts.dataDir);
          const store: ExtractionStateStore = db
            ? new SqliteExtractionStateStore(db)
            : new RedisExtractionStateStore(redisUrl!);
          try {
            const tables = loadCalibration();
            const reports = await reportFromStore(store, (id) => tables.get(id), opts.principal);
            for (const r of reports) process.stdout.write(`${JSON.stringify(r)}\n`);
            process.stderr.write(`extraction report: ${reports.length} subject(s)\n`);
            return opts.principal !== undefined && reports.length === 0 ? 1 : 0;
          } finally {
            await store.close();
            db?.close();
          }
        })(),
      ),
    );
}
