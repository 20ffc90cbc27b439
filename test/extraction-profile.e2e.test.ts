// A traffic profile in the gateway: the worker scores against the profile's table with the topics signal,
// and a profile made for another embedder stops startup.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { LexicalEmbedder } from '../src/extraction/embedders/lexical.js';
import { buildProfile, saveProfile, type TrafficRow } from '../src/extraction/profile.js';
import { SyntheticWorld } from '../src/extraction/world.js';
import { postJson, type Stack, startStack } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'warden-profile-e2e-'));
const world = new SyntheticWorld(3);

async function profileFile(embedder: LexicalEmbedder, name: string): Promise<string> {
  const rows: TrafficRow[] = [];
  for (let p = 0; p < 20; p++)
    for (const q of world.stream(p % 2 ? 'one-topic' : 'few-topics', 60, 300 + p))
      rows.push({ principal: `key-${p}`, text: q.text, ts: q.ts });
  const file = path.join(dir, name);
  saveProfile(file, await buildProfile(embedder, rows, { topics: 8 }));
  return file;
}

describe('extraction.profile in the gateway', () => {
  let stack: Stack | undefined;
  after(() => stack?.close());

  it('scores with the profile: topics acts and verdicts name the codebook', async () => {
    const file = await profileFile(new LexicalEmbedder(), 'lexical-256.json');
    stack = await startStack((cfg) => ({
      ...cfg,
      auth: { mode: 'keys' },
      guards: { request: [{ use: 'request-limits' }] },
      limits: { principal: { requests: { limit: 100_000, window: '1m' } } },
      extraction: { profile: file },
    }));
    const token = (await stack.app.admin.createKey({ name: 'prober' }, 'test')).token;
    for (const q of world.stream('uniform', 60, 9)) {
      const r = await postJson(
        `${stack.baseURL}/chat/completions`,
        { model: 'warden-sim-1', messages: [{ role: 'user', content: q.text }] },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(r.status, 200);
    }
    await stack.app.extraction!.flush();
    const [report] = await stack.app.extraction!.report();
    assert.ok(report?.current, 'scored against the profile table');
    assert.ok(report.current.signals.topics > 1, `topics ${report.current.signals.topics}`);
    assert.ok(report.current.pValues.topics < 0.05, `topics p ${report.current.pValues.topics}`);
    assert.match(report.lastVerdict?.calibration ?? '', /^lexical-256\+topics8-[0-9a-f]{12}$/);
  });

  it('refuses to start with a profile made for another embedder', async () => {
    const file = await profileFile(new LexicalEmbedder({ dim: 128 }), 'lexical-128.json');
    await assert.rejects(
      startStack((cfg) => ({ ...cfg, extraction: { profile: file } })),
      /made with embedder lexical-128, not lexical-256/,
    );
  });
});
