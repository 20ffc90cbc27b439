// Incremental parser for the server-sent events an OpenAI-compatible upstream streams.

export class SseParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SseParseError';
  }
}

/** Splits a byte stream into the `data:` payloads of SSE events; bounded line and event sizes. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private dataBytes = 0;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly maxEventBytes = 8 * 1024 * 1024) {}

  /** Feeds bytes; returns complete event payloads in order. */
  push(chunk: Uint8Array | string): string[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const events: string[] = [];
    let start = 0;
    for (;;) {
      const nl = this.buffer.indexOf('\n', start);
      if (nl < 0) break;
      let line = this.buffer.slice(start, nl);
      start = nl + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.line(line, events);
    }
    this.buffer = this.buffer.slice(start);
    if (this.buffer.length + this.dataBytes > this.maxEventBytes) {
      throw new SseParseError(`an event exceeds ${this.maxEventBytes} bytes`);
    }
    return events;
  }

  /** Flushes a last event that was not followed by a blank line. */
  end(): string[] {
    const events: string[] = [];
    if (this.buffer.length > 0) this.line(this.buffer.replace(/\r$/, ''), events);
    this.buffer = '';
    this.line('', events);
    return events;
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push(this.data.join('\n'));
      this.data = [];
      this.dataBytes = 0;
      return;
    }
    if (line.startsWith(':')) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return; // event:, id:, retry: carry nothing OpenAI clients use
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.data.push(value);
    this.dataBytes += value.length;
  }
}
