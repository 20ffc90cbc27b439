// Redis extraction state store: one hash per subject (space, statistics blob, last verdict) shared by every
// replica, so the queries a principal spreads over several replicas fold into one set of statistics.
// Each hash carries a version `v`; a Lua compare-and-set writes a subject only if no replica wrote it since.
import { Redis } from 'ioredis';
import type { ExtractionStateRecord, ExtractionStateStore, VersionedExtractionState } from '../extraction.js';

/** KEYS: subject hash, subject index. ARGV: expected version, subject, then field/value pairs. */
const PUT_IF_UNCHANGED = `
local v = redis.call('HGET', KEYS[1], 'v') or '0'
if v ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('HINCRBY', KEYS[1], 'v', 1)
redis.call('SADD', KEYS[2], ARGV[2])
return 1`;

export class RedisExtractionStateStore implements ExtractionStateStore {
  readonly redis: Redis;
  private readonly prefix: string;
  private readonly index: string;

  constructor(url: string, opts: { prefix?: string } = {}) {
    this.prefix = `${opts.prefix ?? 'warden:'}extraction:`;
    this.index = `${this.prefix}subjects`;
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
    // Errors surface on the commands (the monitor logs them); the connection event alone must not crash us.
    this.redis.on('error', () => {});
    this.redis.defineCommand('wardenPutIfUnchanged', { numberOfKeys: 2, lua: PUT_IF_UNCHANGED });
  }

  private key(subject: string): string {
    return `${this.prefix}s:${subject}`;
  }

  async get(subject: string): Promise<ExtractionStateRecord | undefined> {
    return toRecord(subject, await this.redis.hgetallBuffer(this.key(subject)));
  }

  async getVersioned(subject: string): Promise<VersionedExtractionState> {
    const h = await this.redis.hgetallBuffer(this.key(subject));
    return { record: toRecord(subject, h), version: h.v?.toString('utf8') ?? '0' };
  }

  /** One script call per subject (each atomic), pipelined; a record without a verdict keeps the stored one. */
  async putIfUnchanged(
    records: readonly { record: ExtractionStateRecord; version: string }[],
  ): Promise<string[]> {
    if (records.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const { record, version } of records)
      (pipe as unknown as CasPipeline).wardenPutIfUnchanged(
        this.key(record.subject),
        this.index,
        version,
        record.subject,
        ...fieldsOf(record),
      );
    const results = (await pipe.exec()) ?? [];
    const conflicts: string[] = [];
    for (const [i, [err, written]] of results.entries()) {
      if (err) throw err;
      if (written !== 1) conflicts.push(records[i]!.record.subject);
    }
    return conflicts;
  }

  /** Unconditional writes in one MULTI (bumping each version); a record without a verdict keeps the stored one. */
  async putMany(records: readonly ExtractionStateRecord[]): Promise<void> {
    if (records.length === 0) return;
    const tx = this.redis.multi();
    for (const r of records) {
      tx.hset(this.key(r.subject), ...fieldsOf(r));
      tx.hincrby(this.key(r.subject), 'v', 1);
    }
    tx.sadd(this.index, ...records.map((r) => r.subject));
    const results = await tx.exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error('extraction state transaction aborted');
  }

  async list(subject?: string): Promise<ExtractionStateRecord[]> {
    const subjects = subject === undefined ? (await this.redis.smembers(this.index)).sort() : [subject];
    if (subjects.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const s of subjects) pipe.hgetallBuffer(this.key(s));
    const results = (await pipe.exec()) ?? [];
    const out: ExtractionStateRecord[] = [];
    for (const [i, [err, hash]] of results.entries()) {
      if (err) throw err;
      const rec = toRecord(subjects[i]!, hash as Record<string, Buffer>);
      if (rec) out.push(rec);
    }
    return out;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

interface CasPipeline {
  wardenPutIfUnchanged(...args: (string | Buffer)[]): unknown;
}

function fieldsOf(r: ExtractionStateRecord): (string | Buffer)[] {
  const fields: (string | Buffer)[] = [
    'space',
    r.space,
    'state',
    Buffer.from(r.state.buffer, r.state.byteOffset, r.state.byteLength),
    'updatedAt',
    String(Math.round(r.updatedAt)),
  ];
  if (r.lastVerdict !== undefined) fields.push('lastVerdict', r.lastVerdict);
  return fields;
}

function toRecord(subject: string, h: Record<string, Buffer>): ExtractionStateRecord | undefined {
  if (!h.state || !h.space) return undefined;
  const rec: ExtractionStateRecord = {
    subject,
    space: h.space.toString('utf8'),
    state: new Uint8Array(h.state),
    updatedAt: Number(h.updatedAt?.toString('utf8') ?? 0),
  };
  if (h.lastVerdict) rec.lastVerdict = h.lastVerdict.toString('utf8');
  return rec;
}
