// `warden audit verify|head|export`: check the keyed hash chain of the audit log, print its head for safekeeping,
// or write it out as JSONL (the embedded SQLite log in --data-dir, or the shared chain with --postgres URL).
// Reading never creates anything: a missing directory, database or table is a failure.
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { KEY_BESIDE_DATA, loadAuditKey } from '../store/audit-key.js';
import { AuditStoreMissing, type JournalledAuditStore } from '../store/audit-store.js';
import { openStores } from '../store/factory.js';
import type { AuditVerifyResult } from '../store/types.js';

interface AuditOptions {
  dataDir: string;
  postgres?: string;
  out?: string;
  expectHead?: string;
}

/** Opens the audit store to read only: nothing is replayed, written or created. */
async function withAudit(
  opts: AuditOptions,
  fn: (store: JournalledAuditStore) => Promise<number>,
): Promise<number> {
  const url = opts.postgres ?? process.env.WARDEN_POSTGRES_URL;
  const stores = openStores({
    dataDir: opts.dataDir,
    choice: {
      audit: url ? 'postgres' : 'sqlite',
      keys: 'sqlite',
      bans: 'sqlite',
      approvals: 'memory',
      extraction: 'sqlite',
    },
    postgres: url ? { url, poolSize: 2 } : undefined,
    readOnly: true,
  });
  try {
    return await fn(stores.audit);
  } catch (err) {
    if (!(err instanceof AuditStoreMissing)) throw err;
    process.stderr.write(`audit: FAILED: ${err.message} (nothing was created)\n`);
    return 1;
  } finally {
    await stores.close();
  }
}

/** `<seq>:<hash>` as printed by `warden audit head`. */
function parseAnchor(text: string): { seq: number; hash: string } {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!m)
    throw new Error(`--expect-head expects <seq>:<hash> as printed by 'warden audit head', got '${text}'`);
  return { seq: Number(m[1]), hash: m[2]! };
}

function report(result: AuditVerifyResult, keySource: string | undefined): number {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  const warn = (line: string) => process.stderr.write(`audit verify: warning: ${line}\n`);
  if (keySource === 'data-dir') warn(KEY_BESIDE_DATA);
  if (result.legacy > 0)
    warn(
      `${result.legacy} legacy record(s) (chain version 1, unkeyed SHA-256): anyone with write access could have re-hashed them`,
    );
  if (!result.ok) {
    const p = result.problem!;
    process.stderr.write(`audit verify: FAILED at record ${p.seq}: ${p.kind} (${p.detail})\n`);
    return 1;
  }
  process.stderr.write(
    `audit verify: ok, ${result.count} records, head ${result.headSeq}:${result.headHash.slice(0, 16)}…\n`,
  );
  return 0;
}

export function registerAudit(program: Command, done: (p: Promise<number>) => void): void {
  const audit = program.command('audit').description('Verify, anchor or export the audit log');
  audit
    .command('verify')
    .description(
      'Verify the keyed hash chain; exit 1 if a record was edited, deleted, reordered, forged or cut off',
    )
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'verify the shared chain in PostgreSQL (or set WARDEN_POSTGRES_URL)')
    .option(
      '--expect-head <seq:hash>',
      "a head printed earlier by 'warden audit head': detects a truncated tail",
    )
    .action((opts: AuditOptions) =>
      done(
        (async () => {
          const expect = opts.expectHead ? parseAnchor(opts.expectHead) : undefined;
          const key = loadAuditKey(opts.dataDir);
          return withAudit(opts, async (store) =>
            report(
              await store.verify({ ...(key ? { key } : {}), ...(expect ? { expect } : {}) }),
              key?.source,
            ),
          );
        })(),
      ),
    );
  audit
    .command('head')
    .description("Print the chain's head (sequence and hash) to keep elsewhere, for `verify --expect-head`")
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'the shared chain in PostgreSQL (or set WARDEN_POSTGRES_URL)')
    .action((opts: AuditOptions) =>
      done(
        withAudit(opts, async (store) => {
          const head = await store.head();
          if (!head) {
            process.stderr.write('audit head: FAILED: the chain is empty\n');
            return 1;
          }
          process.stdout.write(`${JSON.stringify({ ...head, anchor: `${head.seq}:${head.hash}` })}\n`);
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
