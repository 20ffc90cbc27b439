import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FinalTurn } from './answer.js';
import { ResponseShape } from './events.js';

const frame = { id: 'resp_0123', createdAt: 1, model: 'm', request: { model: 'm', input: 'x' } };
const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra = {}) => ({
  id: 'c',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

function parse(sse: string): Record<string, unknown>[] {
  return sse
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const [event, data] = block.split('\n');
      const json = JSON.parse(data!.slice('data: '.length)) as Record<string, unknown>;
      assert.equal(event, `event: ${json.type}`, 'the event name is the data type');
      return json;
    });
}

describe('ResponseShape (stream events from guarded chat chunks)', () => {
  it('reasoning, text and a piecewise call become items in order, then response.completed', () => {
    let stored: FinalTurn | undefined;
    const shape = new ResponseShape(frame, (t) => {
      stored = t;
    });
    let sse = shape.chunk(chunk({ reasoning_content: 'think' }));
    sse += shape.chunk(chunk({ content: 'Hel' }));
    sse += shape.chunk(chunk({ content: 'lo' }));
    sse += shape.chunk(
      chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{"a"' } }] }),
    );
    sse += shape.chunk(chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }));
    sse += shape.chunk(chunk({}, 'tool_calls'));
    sse += shape.chunk({
      id: 'c',
      choices: [],
      usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
    });
    sse += shape.end();
    const events = parse(sse);
    assert.deepEqual(
      events.map((e) => e.sequence_number),
      events.map((_, i) => i),
    );
    const added = events.filter((e) => e.type === 'response.output_item.added');
    assert.deepEqual(
      added.map((e) => [(e.item as { type: string }).type, e.output_index]),
      [
        ['reasoning', 0],
        ['message', 1],
        ['function_call', 2],
      ],
    );
    const last = events.at(-1)!;
    assert.equal(last.type, 'response.completed');
    const r = last.response as { output: Record<string, unknown>[]; usage: { total_tokens: number } };
    assert.equal(r.usage.total_tokens, 5);
    assert.equal((r.output[2] as { arguments: string }).arguments, '{"a":1}');
    assert.equal(stored?.message.content, 'Hello');
    assert.equal(stored?.message.reasoning_content, 'think');
  });

  it('a content_filter finish ends with response.incomplete carrying the warden field', () => {
    const shape = new ResponseShape(frame);
    const warden = { code: 'WARDEN_CONTENT_FILTERED', guard: 'exfiltration' };
    const sse =
      shape.chunk(chunk({ content: 'partial' })) +
      shape.chunk(chunk({}, 'content_filter', { warden })) +
      shape.end();
    const last = parse(sse).at(-1)!;
    assert.equal(last.type, 'response.incomplete');
    const r = last.response as Record<string, unknown>;
    assert.deepEqual(r.incomplete_details, { reason: 'content_filter' });
    assert.deepEqual(r.warden, warden);
  });

  it('an error before any chunk still starts the response, then sends the error event', () => {
    const shape = new ResponseShape(frame);
    const events = parse(
      shape.error({
        error: { message: 'upstream died', type: 'upstream_error', code: 'WARDEN_X', param: null },
      }),
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['response.created', 'response.in_progress', 'error'],
    );
    assert.equal(events[2]!.code, 'WARDEN_X');
  });
});
