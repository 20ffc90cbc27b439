// A proxied request's cancellation (the client went away, or the total deadline passed). The upstream client
// listens to it as an event emitter; an AbortSignal, which costs microseconds to create, is made only when
// something asks for one (guards, approvals, stream back-pressure).
import { EventEmitter } from 'node:events';

export class RequestCancel extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;
  private controller: AbortController | undefined;

  /** An AbortSignal that follows this cancellation (already aborted when it is). */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    this.emit('abort');
  }
}
