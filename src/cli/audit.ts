// `warden audit verify|export`: check the hash chain of the audit log, or write it out as JSONL
// (the embedded SQLite log in --data-dir, or the shared chain in PostgreSQL with --postgres URL).
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { PostgresAuditStore } from '../store/postgres/audit.js';
import { openPostgres } from '../store/postgres/db.js';
import { SqliteAuditStore } from '../store/sqlite/audit.js';
import { openSqlite } from '../store/sqlite/db.js';
import type { AuditStore } from '../store/types.js';

interface AuditOptions {
  dataDir: string;
  postgres?: string;
  out?: string;
}

/** Opens the audit store to read; without a journal directory nothing is replayed or written. */
async function withAudit<T>(opts: AuditOptions, fn: (store: AuditStore) => Promise<T>): Promise<T> {
  const url = opts.postgres ?? process.env.WARDEN_POSTGRES_URL;
  if (url) {
    const pg = openPostgres(url, { poolSize: 2 });
    try {
      await pg.ready;
      return await fn(new PostgresAuditStore(pg));
    } finally {
      await pg.close();
    }
  }
  const db = openSqlite(opts.dataDir);
  try {
    return await fn(new SqliteAuditStore(db));
  } finally {
    db.close();
  }
}

export function registerAudit(program: Command, done: (p: Promise<number>) => void): void {
  const audit = program.command('audit').description('Verify or export the audit log');
  audit
    .command('verify')
    .description('Verify the hash chain; exit 1 if any record was edited, deleted or reordered')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'verify the shared chain in PostgreSQL (or set WARDEN_POSTGRES_URL)')
    .action((opts: AuditOptions) =>
      done(
        withAudit(opts, async (store) => {
          const result = await store.verify();
          process.stdout.write(`${JSON.stringify(result)}\n`);
          if (!result.ok) {
            process.stderr.write(
              `audit verify: FAILED at record ${result.problem?.seq}: ${result.problem?.kind} (${result.problem?.detail})\n`,
            );
            return 1;
          }
          process.stderr.write(
            `audit verify: ok, ${result.count} records, head ${result.headHash.slice(0, 16)}…\n`,
          );
          return 0;
        }),
      ),
    );
  audit
    .command('export')
    .description('Write every audit record as one JSON line (stdout, or --out FILE)')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'export the shared chain from PostgreSQL (or set WARDEN_POSTGRES_URL)')
    .option('-o, --out <file>', 'output file (default: stdout)')
    .action((opts: AuditOptions) =>
      done(
        withAudit(opts, async (store) => {
          const out = opts.out ? createWriteStream(opts.out) : process.stdout;
          let n = 0;
          try {
            for await (const rec of store.export()) {
              if (!out.write(`${JSON.stringify(rec)}\n`))
                await new Promise<void>((r) => out.once('drain', () => r()));
              n++;
            }
          } finally {
            if (opts.out)
              await new Promise<void>((r) => (out as ReturnType<typeof createWriteStream>).end(() => r()));
          }
          process.stderr.write(`audit export: ${n} records\n`);
          return 0;
        }),
      ),
    );
}
