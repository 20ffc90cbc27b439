// Admission of client connections: per-address caps, and a full listener sheds the oldest connection that
// has not yet sent a complete request head, so slow unauthenticated clients cannot starve everyone else.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Open connections in all. */
  maxConnections: number;
  /** Open connections from one client address. */
  maxConnectionsPerAddress: number;
  /** Connections from one address that have not yet sent a whole request head. */
  maxPendingPerAddress: number;
}

interface Tracked {
  address: string;
  /** True until the first complete request head arrives. */
  pending: boolean;
}

interface AddressCount {
  open: number;
  pending: number;
}

/** What the guard did, for metrics and tests. */
export interface ConnectionStats {
  open: number;
  refusedPerAddress: number;
  refusedFull: number;
  shed: number;
}

export class ConnectionGuard {
  /** In arrival order, so the first pending entry is the oldest connection still sending its head. */
  private readonly sockets = new Map<Socket, Tracked>();
  private readonly byAddress = new Map<string, AddressCount>();
  private readonly counts = { refusedPerAddress: 0, refusedFull: 0, shed: 0 };

  constructor(
    server: Server,
    private readonly limits: ConnectionLimits,
  ) {
    server.on('connection', (socket: Socket) => this.admit(socket));
    server.on('request', (req) => this.headReceived(req.socket));
  }

  stats(): ConnectionStats {
    return { open: this.sockets.size, ...this.counts };
  }

  private admit(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const count = this.byAddress.get(address) ?? { open: 0, pending: 0 };
    if (
      count.open >= this.limits.maxConnectionsPerAddress ||
      count.pending >= this.limits.maxPendingPerAddress
    ) {
      this.counts.refusedPerAddress++;
      socket.destroy();
      return;
    }
    if (this.sockets.size >= this.limits.maxConnections && !this.shedOldestPending()) {
      this.counts.refusedFull++;
      socket.destroy();
      return;
    }
    count.open++;
    count.pending++;
    this.byAddress.set(address, count);
    const tracked: Tracked = { address, pending: true };
    this.sockets.set(socket, tracked);
    socket.once('close', () => this.forget(socket, tracked));
  }

  private headReceived(socket: Socket): void {
    const tracked = this.sockets.get(socket);
    if (!tracked?.pending) return;
    tracked.pending = false;
    const count = this.byAddress.get(tracked.address);
    if (count) count.pending--;
  }

  private forget(socket: Socket, tracked: Tracked): void {
    if (!this.sockets.delete(socket)) return;
    const count = this.byAddress.get(tracked.address);
    if (!count) return;
    count.open--;
    if (tracked.pending) count.pending--;
    if (count.open <= 0) this.byAddress.delete(tracked.address);
  }

  /** Drops the oldest connection that is still sending its request head; false when there is none. */
  private shedOldestPending(): boolean {
    for (const [socket, tracked] of this.sockets) {
      if (!tracked.pending) continue;
      this.forget(socket, tracked);
      this.counts.shed++;
      socket.destroy();
      return true;
    }
    return false;
  }
}
