// `warden keys` and `warden bans`: manage API keys and bans (same code as the admin API), in the data directory
// or, with --postgres / --redis, in the stores replicas share.
import type { Command } from 'commander';
import { WardenError } from '../core/errors.js';
import { IdentityAdmin } from '../identity/admin.js';
import { loadServerSecret, parseDuration } from '../identity/keys.js';
import { loadAuditKey } from '../store/audit-key.js';
import { openStores } from '../store/factory.js';

const ACTOR = 'cli';
const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

interface StoreFlags {
  dataDir: string;
  postgres?: string;
  redis?: string;
}

/** Opens the same stores `serve` would pick: keys+audit in PostgreSQL, bans in Redis (else PostgreSQL), else SQLite. */
async function withAdmin<T>(o: StoreFlags, fn: (admin: IdentityAdmin) => Promise<T>): Promise<T> {
  const pgUrl = o.postgres ?? process.env.WARDEN_POSTGRES_URL;
  const redisUrl = o.redis ?? process.env.WARDEN_REDIS_URL;
  if ((pgUrl || redisUrl) && !process.env.WARDEN_SERVER_SECRET) {
    // A secret generated in the local data directory would make keys the replicas cannot check.
    throw new Error(
      'set WARDEN_SERVER_SECRET to the secret the replicas share before managing shared stores',
    );
  }
  const serverSecret = loadServerSecret(o.dataDir);
  const stores = openStores({
    dataDir: o.dataDir,
    choice: {
      audit: pgUrl ? 'postgres' : 'sqlite',
      keys: pgUrl ? 'postgres' : 'sqlite',
      bans: redisUrl ? 'redis' : pgUrl ? 'postgres' : 'sqlite',
      approvals: 'sqlite',
      extraction: 'sqlite',
    },
    postgres: pgUrl ? { url: pgUrl, poolSize: 2 } : undefined,
    redisUrl,
    auditKey: loadAuditKey(o.dataDir),
  });
  try {
    await stores.postgres?.ready;
    const admin = new IdentityAdmin({
      keys: stores.keys,
      bans: stores.bans,
      serverSecret,
      audit: stores.audit,
    });
    return await fn(admin);
  } finally {
    await stores.close();
  }
}

function run(done: (p: Promise<number>) => void, fn: () => Promise<void>): void {
  done(
    fn().then(
      () => 0,
      (err) => {
        if (err instanceof WardenError || err instanceof Error) {
          process.stderr.write(`warden: ${err.message}\n`);
          return 1;
        }
        throw err;
      },
    ),
  );
}

export function registerKeys(program: Command, done: (p: Promise<number>) => void): void {
  const keys = program.command('keys').description('Create, list, revoke and rotate API keys');
  keys
    .command('create')
    .description('Create a key; prints the key alone on stdout (it is shown only once)')
    .requiredOption('--name <name>', 'a name for the key')
    .option('--scopes <list>', 'comma-separated scopes', 'chat,completions,embeddings,models')
    .option('--models <list>', 'comma-separated model globs the key may use', '*')
    .option('--expires <duration>', 'lifetime, e.g. 1h, 30d')
    .option('--owner <owner>', 'owner (person or team)')
    .option('--tenant <tenant>', 'tenant the key belongs to')
    .option('--label <k=v...>', 'labels', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'shared PostgreSQL (keys, audit; or WARDEN_POSTGRES_URL)')
    .option('--redis <url>', 'shared Redis (bans; or WARDEN_REDIS_URL)')
    .action((o) =>
      run(done, async () => {
        const labels = Object.fromEntries(
          (o.label as string[]).map((kv) => {
            const i = kv.indexOf('=');
            if (i < 1) throw new Error(`--label expects key=value, got '${kv}'`);
            return [kv.slice(0, i), kv.slice(i + 1)];
          }),
        );
        const created = await withAdmin(o, (admin) =>
          admin.createKey(
            {
              name: o.name,
              scopes: list(o.scopes),
              models: list(o.models),
              labels,
              ...(o.expires ? { expiresInMs: parseDuration(o.expires) } : {}),
              ...(o.owner ? { owner: o.owner } : {}),
              ...(o.tenant ? { tenant: o.tenant } : {}),
            },
            ACTOR,
          ),
        );
        process.stdout.write(`${created.token}\n`);
        process.stderr.write(
          `created key ${created.key.id} (${created.key.name}); store it now, it is not shown again\n`,
        );
      }),
    );
  keys
    .command('list')
    .description('List keys (never their secrets) as JSON lines')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'shared PostgreSQL (keys, audit; or WARDEN_POSTGRES_URL)')
    .option('--redis <url>', 'shared Redis (bans; or WARDEN_REDIS_URL)')
    .action((o) =>
      run(done, async () => {
        for (const k of await withAdmin(o, (a) => a.listKeys()))
          process.stdout.write(`${JSON.stringify(k)}\n`);
      }),
    );
  keys
    .command('revoke <id>')
    .description('Revoke a key; takes effect on its next request')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'shared PostgreSQL (keys, audit; or WARDEN_POSTGRES_URL)')
    .option('--redis <url>', 'shared Redis (bans; or WARDEN_REDIS_URL)')
    .action((id: string, o) =>
      run(done, async () => {
        const k = await withAdmin(o, (a) => a.revokeKey(id, ACTOR));
        process.stderr.write(`revoked ${k.id}\n`);
      }),
    );
  keys
    .command('rotate <id>')
    .description('Issue a successor key (printed alone on stdout); the old one stays valid for --grace')
    .option('--grace <duration>', 'how long the old key keeps working', '1h')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'shared PostgreSQL (keys, audit; or WARDEN_POSTGRES_URL)')
    .option('--redis <url>', 'shared Redis (bans; or WARDEN_REDIS_URL)')
    .action((id: string, o) =>
      run(done, async () => {
        const r = await withAdmin(o, (a) => a.rotateKey(id, parseDuration(o.grace), ACTOR));
        process.stdout.write(`${r.token}\n`);
        process.stderr.write(
          `rotated ${id} -> ${r.key.id}; ${id} expires ${new Date(r.previous.expiresAt!).toISOString()}\n`,
        );
      }),
    );
}

export function registerBans(program: Command, done: (p: Promise<number>) => void): void {
  const bans = program.command('bans').description('Ban or unban principals');
  bans
    .command('add <principal>')
    .description('Ban a principal (e.g. key:abc123, jwt:alice, tenant:acme)')
    .option('--reason <text>', 'why', 'banned by an operator')
    .option('--expires <duration>', 'ban length, e.g. 24h (default: until lifted)')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'shared PostgreSQL (keys, audit; or WARDEN_POSTGRES_URL)')
    .option('--redis <url>', 'shared Redis (bans; or WARDEN_REDIS_URL)')
    .action((principal: string, o) =>
      run(done, async () => {
        const b = await withAdmin(o, (a) =>
          a.addBan(principal, o.reason, o.expires ? parseDuration(o.expires) : undefined, ACTOR),
        );
        process.stdout.write(`${JSON.stringify(b)}\n`);
      }),
    );
  bans
    .command('list')
    .description('List active bans as JSON lines')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'shared PostgreSQL (keys, audit; or WARDEN_POSTGRES_URL)')
    .option('--redis <url>', 'shared Redis (bans; or WARDEN_REDIS_URL)')
    .action((o) =>
      run(done, async () => {
        for (const b of await withAdmin(o, (a) => a.listBans()))
          process.stdout.write(`${JSON.stringify(b)}\n`);
      }),
    );
  bans
    .command('remove <principal>')
    .description('Lift a ban')
    .option('--data-dir <dir>', 'state directory', '.warden-data')
    .option('--postgres <url>', 'shared PostgreSQL (keys, audit; or WARDEN_POSTGRES_URL)')
    .option('--redis <url>', 'shared Redis (bans; or WARDEN_REDIS_URL)')
    .action((principal: string, o) =>
      run(done, async () => {
        if (!(await withAdmin(o, (a) => a.removeBan(principal, ACTOR))))
          throw new Error(`no ban on ${principal}`);
        process.stderr.write(`ban on ${principal} lifted\n`);
      }),
    );
}
