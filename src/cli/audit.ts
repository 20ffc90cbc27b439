// `warden audit verify|export`: check the hash chain of the audit log, or write it out as JSONL.
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { SqliteAuditStore } from '../store/sqlite/audit.js';
import { openSqlite } from '../store/sqlite/db.js';

export function registerAudit(program: Command, done: (p: Promise<number>) => void): void {
  const audit = program.command('audit').description('Verify or export the audit log');
  audit
    .command('verify')
    .description('Verify the hash chain; exit 1 if any record was edited, deleted or reordered')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .action((opts: { dataDir: string }) =>
      done(
        (async () => {
          const db = openSqlite(opts.dataDir);
          try {
            const result = new SqliteAuditStore(db).verify();
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
          } finally {
            db.close();
          }
        })(),
      ),
    );
  audit
    .command('export')
    .description('Write every audit record as one JSON line (stdout, or --out FILE)')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('-o, --out <file>', 'output file (default: stdout)')
    .action((opts: { dataDir: string; out?: string }) =>
      done(
        (async () => {
          const db = openSqlite(opts.dataDir);
          const out = opts.out ? createWriteStream(opts.out) : process.stdout;
          let n = 0;
          try {
            for (const rec of new SqliteAuditStore(db).export()) {
              if (!out.write(`${JSON.stringify(rec)}\n`))
                await new Promise<void>((r) => out.once('drain', () => r()));
              n++;
            }
          } finally {
            db.close();
            if (opts.out)
              await new Promise<void>((r) => (out as ReturnType<typeof createWriteStream>).end(() => r()));
          }
          process.stderr.write(`audit export: ${n} records\n`);
          return 0;
        })(),
      ),
    );
}
