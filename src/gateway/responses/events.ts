// The Responses API's typed stream events built from the guarded chat chunks the stream relay releases:
// response.created, output items added and done, text, refusal, reasoning-summary and argument deltas, and
// response.completed (or .incomplete) carrying the whole response.
import type { AnswerShape } from '../answer-shape.js';
import { isObject, type Json } from '../surface.js';
import {
  type FinalTurn,
  functionCallItem,
  messageItem,
  outputTextPart,
  type ResponseFrame,
  reasoningItem,
  responseObject,
  turnOfChat,
} from './answer.js';

interface OpenCall {
  outputIndex: number;
  id: string;
  name: string;
  args: string;
}

export class ResponseShape implements AnswerShape {
  private seq = 0;
  private started = false;
  private outputs = 0;
  private reasoning?: { outputIndex: number; text: string };
  private msg?: { outputIndex: number; kind: 'output_text' | 'refusal'; text: string };
  private readonly calls = new Map<number, OpenCall>();
  private readonly turn: FinalTurn = { message: { role: 'assistant' }, finishReason: null };
  private readonly content: { text: string; refusal: string; reasoning: string } = {
    text: '',
    refusal: '',
    reasoning: '',
  };
  private readonly toolCalls: Json[] = [];

  constructor(
    readonly frame: ResponseFrame,
    /** Called once with the final guarded turn (stored for previous_response_id and GET). */
    private readonly onFinal: (turn: FinalTurn) => void = () => {},
  ) {}

  json(answer: Json): Json {
    const turn = turnOfChat(answer);
    this.onFinal(turn);
    return responseObject(this.frame, turn);
  }

  private event(type: string, data: Json): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: this.seq++, ...data })}\n\n`;
  }

  private start(): string {
    if (this.started) return '';
    this.started = true;
    const response = responseObject(this.frame);
    return this.event('response.created', { response }) + this.event('response.in_progress', { response });
  }

  private closeReasoning(): string {
    const r = this.reasoning;
    if (!r) return '';
    this.reasoning = undefined;
    const item = reasoningItem(this.frame, r.text);
    const itemId = item.id;
    const part = { type: 'summary_text', text: r.text };
    return (
      this.event('response.reasoning_summary_text.done', {
        item_id: itemId,
        output_index: r.outputIndex,
        summary_index: 0,
        text: r.text,
      }) +
      this.event('response.reasoning_summary_part.done', {
        item_id: itemId,
        output_index: r.outputIndex,
        summary_index: 0,
        part,
      }) +
      this.event('response.output_item.done', { output_index: r.outputIndex, item })
    );
  }

  private closeMessage(): string {
    const m = this.msg;
    if (!m) return '';
    this.msg = undefined;
    const part = m.kind === 'output_text' ? outputTextPart(m.text) : { type: 'refusal', refusal: m.text };
    const item = messageItem(this.frame, [part]);
    const at = { item_id: item.id, output_index: m.outputIndex, content_index: 0 };
    const done =
      m.kind === 'output_text'
        ? this.event('response.output_text.done', { ...at, text: m.text, logprobs: [] })
        : this.event('response.refusal.done', { ...at, refusal: m.text });
    return (
      done +
      this.event('response.content_part.done', { ...at, part }) +
      this.event('response.output_item.done', { output_index: m.outputIndex, item })
    );
  }

  private closeCalls(): string {
    let out = '';
    for (const c of [...this.calls.values()].sort((a, b) => a.outputIndex - b.outputIndex)) {
      const item = functionCallItem({ id: c.id, name: c.name, arguments: c.args });
      out +=
        this.event('response.function_call_arguments.done', {
          item_id: item.id,
          output_index: c.outputIndex,
          name: c.name,
          arguments: c.args,
        }) + this.event('response.output_item.done', { output_index: c.outputIndex, item });
      this.toolCalls.push({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } });
    }
    this.calls.clear();
    return out;
  }

  private reasoningDelta(piece: string): string {
    let out = '';
    if (!this.reasoning) {
      out += this.closeMessage();
      this.reasoning = { outputIndex: this.outputs++, text: '' };
      const item: Json = { ...reasoningItem(this.frame, ''), summary: [] };
      const at = { item_id: item.id, output_index: this.reasoning.outputIndex, summary_index: 0 };
      out +=
        this.event('response.output_item.added', { output_index: this.reasoning.outputIndex, item }) +
        this.event('response.reasoning_summary_part.added', {
          ...at,
          part: { type: 'summary_text', text: '' },
        });
    }
    this.reasoning.text += piece;
    this.content.reasoning += piece;
    return (
      out +
      this.event('response.reasoning_summary_text.delta', {
        item_id: `rs_${this.frame.id.replace(/^resp_/, '')}`,
        output_index: this.reasoning.outputIndex,
        summary_index: 0,
        delta: piece,
      })
    );
  }

  private messageDelta(kind: 'output_text' | 'refusal', piece: string): string {
    let out = this.closeReasoning();
    if (this.msg && this.msg.kind !== kind) out += this.closeMessage();
    if (!this.msg) {
      this.msg = { outputIndex: this.outputs++, kind, text: '' };
      const item = messageItem(this.frame, [], 'in_progress');
      const part = kind === 'output_text' ? outputTextPart('') : { type: 'refusal', refusal: '' };
      out +=
        this.event('response.output_item.added', { output_index: this.msg.outputIndex, item }) +
        this.event('response.content_part.added', {
          item_id: item.id,
          output_index: this.msg.outputIndex,
          content_index: 0,
          part,
        });
    }
    this.msg.text += piece;
    if (kind === 'output_text') this.content.text += piece;
    else this.content.refusal += piece;
    const at = {
      item_id: `msg_${this.frame.id.replace(/^resp_/, '')}`,
      output_index: this.msg.outputIndex,
      content_index: 0,
    };
    return (
      out +
      (kind === 'output_text'
        ? this.event('response.output_text.delta', { ...at, delta: piece, logprobs: [] })
        : this.event('response.refusal.delta', { ...at, delta: piece }))
    );
  }

  private callDelta(d: Json, position: number): string {
    const index = typeof d.index === 'number' ? d.index : position;
    const fn = isObject(d.function) ? d.function : {};
    let out = '';
    let c = this.calls.get(index);
    if (!c) {
      out += this.closeReasoning() + this.closeMessage();
      c = {
        outputIndex: this.outputs++,
        id: typeof d.id === 'string' ? d.id : `call_${index}`,
        name: '',
        args: '',
      };
      if (typeof fn.name === 'string') c.name = fn.name;
      this.calls.set(index, c);
      const item = functionCallItem({ id: c.id, name: c.name, arguments: '' }, 'in_progress');
      out += this.event('response.output_item.added', { output_index: c.outputIndex, item });
    } else if (typeof fn.name === 'string') c.name += fn.name;
    if (typeof fn.arguments === 'string' && fn.arguments.length > 0) {
      c.args += fn.arguments;
      out += this.event('response.function_call_arguments.delta', {
        item_id: `fc_${c.id}`,
        output_index: c.outputIndex,
        delta: fn.arguments,
      });
    }
    return out;
  }

  chunk(chunk: Json): string {
    let out = this.start();
    if (isObject(chunk.usage)) this.turn.usage = chunk.usage;
    if (isObject(chunk.warden)) this.turn.warden = chunk.warden;
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    for (const choice of choices) {
      if (!isObject(choice) || (typeof choice.index === 'number' && choice.index !== 0)) continue;
      const delta = isObject(choice.delta) ? choice.delta : {};
      for (const key of ['reasoning_content', 'reasoning'] as const) {
        const v = delta[key];
        if (typeof v === 'string' && v.length > 0) out += this.reasoningDelta(v);
      }
      if (typeof delta.content === 'string' && delta.content.length > 0)
        out += this.messageDelta('output_text', delta.content);
      if (typeof delta.refusal === 'string' && delta.refusal.length > 0)
        out += this.messageDelta('refusal', delta.refusal);
      if (Array.isArray(delta.tool_calls))
        delta.tool_calls.forEach((d, i) => {
          if (isObject(d)) out += this.callDelta(d, i);
        });
      if (typeof choice.finish_reason === 'string') {
        this.turn.finishReason = choice.finish_reason;
        out += this.closeAll();
      }
    }
    return out;
  }

  private closeAll(): string {
    return this.closeReasoning() + this.closeMessage() + this.closeCalls();
  }

  end(): string {
    let out = this.start() + this.closeAll();
    const m = this.turn.message;
    if (this.content.reasoning) m.reasoning_content = this.content.reasoning;
    m.content = this.content.text || null;
    if (this.content.refusal) m.refusal = this.content.refusal;
    if (this.toolCalls.length > 0) m.tool_calls = this.toolCalls;
    this.onFinal(this.turn);
    const response = responseObject(this.frame, this.turn);
    out += this.event(response.status === 'completed' ? 'response.completed' : 'response.incomplete', {
      response,
    });
    return out;
  }

  error(err: {
    error: { message: string; type: string; code: string | null; param: string | null };
  }): string {
    return (
      this.start() +
      this.event('error', { code: err.error.code, message: err.error.message, param: err.error.param })
    );
  }
}
