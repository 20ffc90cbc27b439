// `warden extraction calibrate`: a traffic sample in, a profile out; bad lines named by number, never echoed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadProfile } from '../extraction/profile.js';
import { SyntheticWorld } from '../extraction/world.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'extraction', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('warden extraction calibrate', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-calibrate-'));
  const world = new SyntheticWorld(2);
  const lines: string[] = [];
  for (let p = 0; p < 20; p++)
    for (const q of world.stream(p % 2 ? 'one-topic' : 'generalist', 60, 100 + p))
      lines.push(JSON.stringify({ principal: `key-${p}`, text: q.text, ts: new Date(q.ts).toISOString() }));

  it('writes a profile that loads and belongs to the default embedder', () => {
    const traffic = path.join(dir, 'traffic.jsonl');
    const out = path.join(dir, 'profile.json');
    writeFileSync(traffic, `${lines.join('\n')}\n`);
    const res = cli(['calibrate', '--traffic', traffic, '--out', out, '--topics', '8']);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stderr, /wrote .*profile\.json \(embedder lexical-256, codebook topics8-/);
    const profile = loadProfile(out);
    assert.equal(profile.codebook.k, 8);
    assert.equal(profile.calibration.levels.length, 1);
  });

  it('names a bad line by number without echoing its text, and writes nothing', () => {
    const traffic = path.join(dir, 'bad.jsonl');
    const out = path.join(dir, 'bad-profile.json');
    const secret = 'my password is hunter2';
    writeFileSync(
      traffic,
      [lines[0], lines[1], JSON.stringify({ text: secret }), ...lines.slice(2)].join('\n'),
    );
    const res = cli(['calibrate', '--traffic', traffic, '--out', out]);
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /bad\.jsonl:3: principal/);
    assert.doesNotMatch(res.stderr, /hunter2/);
    assert.throws(() => loadProfile(out), /ENOENT/);
  });

  it('refuses a sample with too few principals', () => {
    const traffic = path.join(dir, 'small.jsonl');
    writeFileSync(traffic, lines.slice(0, 600).join('\n'));
    const res = cli(['calibrate', '--traffic', traffic, '--out', path.join(dir, 'x.json'), '--topics', '8']);
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /at least 20 principals with 50 or more requests each \(the sample has 10\)/);
  });
});
