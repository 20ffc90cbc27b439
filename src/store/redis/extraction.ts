// Redis extraction state store: one hash per subject (space, statistics blob, last verdict) shared by every
// replica, so the queries a principal spreads over several replicas fold into one set of statistics.
import { Redis } from 'ioredis';
import type { ExtractionStateRecord, ExtractionStateStore } from '../extraction.js';

export class RedisExtractionStateStore implements ExtractionStateStore {
  /** Other replicas write the same subjects: the monitor re-reads a subject at each batch. */
  readonly shared = true;
  readonly redis: Redis;
  private readonly prefix: string;
  private readonly index: string;

  constructor(url: string, opts: { prefix?: string } = {}) {
    this.prefix = `${opts.prefix ?? 'warden:'}extraction:`;
    this.index = `${this.prefix}subjects`;
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
    // Errors surface on the commands (the monitor logs them); the connection event alone must not crash us.
    this.redis.on('error', () => {});
  }

  private key(subject: string): string {
    return `${this.prefix}s:${subject}`;
  }

  async get(subject: string): Promise<ExtractionStateRecord | undefined> {
    return toRecord(subject, await this.redis.hgetallBuffer(this.key(subject)));
  }

  /** One MULTI: every record of a batch lands together; a record without a verdict keeps the stored one. */
  async putMany(records: readonly ExtractionStateRecord[]): Promise<void> {
    if (records.length === 0) return;
    const tx = this.redis.multi();
    for (const r of records) {
      const fields: (string | Buffer)[] = [
        'space',
        r.space,
        'state',
        Buffer.from(r.state.buffer, r.state.byteOffset, r.state.byteLength),
        'updatedAt',
        String(Math.round(r.updatedAt)),
      ];
      if (r.lastVerdict !== undefined) fields.push('lastVerdict', r.lastVerdict);
      tx.hset(this.key(r.subject), ...fields);
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
