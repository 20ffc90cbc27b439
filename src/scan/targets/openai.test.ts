import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SimServer, startSimulator } from '../../sim/server.js';
import { caseRefs, materializeSync, probes } from '../probes/index.js';
import { openAIChatTarget, parseEventStream } from './openai.js';

describe('OpenAI-compatible target', () => {
  let sim: SimServer;
  before(async () => {
    sim = await startSimulator(0);
  });
  after(() => sim.close());

  it('streamed and non-streamed answers agree, tool calls included', async () => {
    const plain = openAIChatTarget({ baseUrl: sim.url, model: 'warden-sim-1' });
    const streamed = openAIChatTarget({ baseUrl: sim.url, model: 'warden-sim-1', stream: true });
    try {
      for (const id of ['direct-override', 'tool-hijack-direct', 'system-prompt-direct']) {
        const c = materializeSync([...caseRefs([probes.get(id)!], [[]])][0]!);
        const a = await plain.send(c.conversation);
        const b = await streamed.send(c.conversation);
        assert.equal(a.kind, 'answer');
        assert.equal(b.kind, 'answer');
        if (a.kind !== 'answer' || b.kind !== 'answer') return;
        assert.equal(b.content, a.content);
        assert.deepEqual(
          b.toolCalls.map((t) => [t.name, t.arguments]),
          a.toolCalls.map((t) => [t.name, t.arguments]),
        );
        assert.equal(b.finishReason, a.finishReason);
      }
    } finally {
      await plain.close();
      await streamed.close();
    }
  });

  it('reports HTTP errors with their code and unreachable hosts as transport errors', async () => {
    const t = openAIChatTarget({ baseUrl: sim.url.replace('/v1', '/nope'), model: 'x' });
    const r = await t.send({ messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(r.kind, 'http-error');
    await t.close();
    const dead = openAIChatTarget({ baseUrl: 'http://127.0.0.1:9/v1', model: 'x', timeoutMs: 2000 });
    assert.equal((await dead.send({ messages: [{ role: 'user', content: 'hi' }] })).kind, 'transport-error');
    await dead.close();
  });

  it('parses content_filter endings, warden codes, error events and torn streams', () => {
    const filtered = parseEventStream(
      'data: {"choices":[{"index":0,"delta":{"content":"par"}}]}\n\ndata: {"choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}],"warden":{"code":"WARDEN_CONTENT_FILTERED"}}\n\ndata: [DONE]\n\n',
      200,
      1,
    );
    assert.deepEqual(
      filtered.kind === 'answer' && [filtered.content, filtered.finishReason, filtered.wardenCode],
      ['par', 'content_filter', 'WARDEN_CONTENT_FILTERED'],
    );
    const failed = parseEventStream(
      'data: {"error":{"code":"WARDEN_UPSTREAM_STREAM_ABORTED"}}\n\ndata: [DONE]\n\n',
      200,
      1,
    );
    assert.equal(failed.kind === 'http-error' && failed.code, 'WARDEN_UPSTREAM_STREAM_ABORTED');
    assert.equal(
      parseEventStream('data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n', 200, 1).kind,
      'transport-error',
    );
  });
});
