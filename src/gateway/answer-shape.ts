// How a relay hands its guarded chat answer to the client when the client asked in another API's shape (the
// Responses API): the relays guard chat JSON and chunks only, a shape rewrites what they release.
import type { Json } from './surface.js';

export interface AnswerShape {
  /** The guarded whole answer, rewritten for the client. */
  json(answer: Json): Json;
  /** The SSE text for one guarded chunk ('' sends nothing). */
  chunk(chunk: Json): string;
  /** The SSE text that ends a stream (instead of `data: [DONE]`). */
  end(): string;
  /** The SSE text of the error event that ends a started stream. */
  error(err: { error: { message: string; type: string; code: string | null; param: string | null } }): string;
}

/** How an upstream that speaks another API is asked and read: relays still guard chat JSON and chunks. */
export interface UpstreamDialect {
  /** The upstream path (instead of the route's chat path). */
  path: string;
  /** The upstream request for the guarded chat body. */
  body(chat: Json): Json;
  /** The upstream's whole answer in chat form. */
  answer(json: Json): Json;
  /** One upstream SSE data line as zero or more chat-chunk data lines (`[DONE]` ends the stream). */
  events(data: string): string[];
}
