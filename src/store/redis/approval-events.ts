// Redis pub/sub for approval decisions: a replica that decides an approval announces its id, and every
// replica holding a client for it re-reads the store at once instead of at its next poll.
import { Redis } from 'ioredis';

/** Wakes holders on other replicas; polling the store stays the fallback when a message is lost. */
export interface ApprovalNotifier {
  publish(approvalId: string): void;
  subscribe(onDecided: (approvalId: string) => void): void;
  close(): Promise<void>;
}

export class RedisApprovalNotifier implements ApprovalNotifier {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channel: string;

  constructor(url: string, opts: { prefix?: string } = {}) {
    this.channel = `${opts.prefix ?? 'warden:'}approvals:decided`;
    this.pub = new Redis(url, { maxRetriesPerRequest: 1 });
    // A subscribed connection can run nothing else, hence a second one.
    this.sub = new Redis(url, { maxRetriesPerRequest: 1 });
    this.pub.on('error', () => {});
    this.sub.on('error', () => {});
  }

  publish(approvalId: string): void {
    this.pub.publish(this.channel, approvalId).catch(() => {});
  }

  subscribe(onDecided: (approvalId: string) => void): void {
    this.sub.subscribe(this.channel).catch(() => {});
    this.sub.on('message', (channel: string, message: string) => {
      if (channel === this.channel) onDecided(message);
    });
  }

  /** Resolves once the subscription is active (tests; production relies on polling until then). */
  async ready(): Promise<void> {
    if (this.sub.status !== 'ready') await new Promise<void>((r) => this.sub.once('ready', () => r()));
    await this.sub.subscribe(this.channel);
  }

  async close(): Promise<void> {
    await Promise.all([
      this.pub.quit().catch(() => this.pub.disconnect()),
      this.sub.quit().catch(() => this.sub.disconnect()),
    ]);
  }
}
