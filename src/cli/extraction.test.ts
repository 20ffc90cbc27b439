// `warden extraction calibrate`: a traffic sample in, a profile out; bad lines named by number, never echoed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LexicalEmbedder } from '../extraction/embedders/lexical.js';
import { ExtractionMonitor } from '../extraction/monitor.js';
import { loadProfile, profileSettings } from '../extraction/profile.js';
import { SyntheticWorld } from '../extraction/world.js';
import { openSqlite } from '../store/sqlite/db.js';
import { SqliteExtractionStateStore } from '../store/sqlite/extraction.js';

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
    assert.match(res.stderr, /warning: 20 principals calibrate the table/);
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

  it('`report --profile` scores states made with that profile; without it they are listed unscored', async () => {
    const traffic = path.join(dir, 'traffic.jsonl');
    const profileFile = path.join(dir, 'profile.json');
    writeFileSync(traffic, `${lines.join('\n')}\n`);
    assert.equal(cli(['calibrate', '--traffic', traffic, '--out', profileFile, '--topics', '8']).status, 0);
    const dataDir = path.join(dir, 'data');
    const db = openSqlite(dataDir);
    const settings = profileSettings(profileFile, 'lexical-256');
    const monitor = new ExtractionMonitor({
      embedder: new LexicalEmbedder(),
      store: new SqliteExtractionStateStore(db),
      ...settings,
    });
    for (const q of world.stream('uniform', 60, 77)) monitor.observe({ ...q, principal: 'key:probe' });
    await monitor.close();
    db.close();
    const scored = cli([
      'report',
      '--data-dir',
      dataDir,
      '--principal',
      'key:probe',
      '--profile',
      profileFile,
      '--json',
    ]);
    assert.equal(scored.status, 0, scored.stderr);
    const withProfile = JSON.parse(scored.stdout.trim()) as { current?: { signals: { topics: number } } };
    assert.ok(withProfile.current && withProfile.current.signals.topics > 1);
    const unscored = cli(['report', '--data-dir', dataDir, '--principal', 'key:probe', '--json']);
    assert.equal(unscored.status, 0, unscored.stderr);
    assert.equal((JSON.parse(unscored.stdout.trim()) as { current?: unknown }).current, undefined);
    assert.match(unscored.stderr, /1 subject\(s\) were made with a traffic profile .* pass --profile FILE/);
    // Without --json: a table a person can read, with rounded p-values and a plain-words reading.
    const table = cli([
      'report',
      '--data-dir',
      dataDir,
      '--principal',
      'key:probe',
      '--profile',
      profileFile,
    ]);
    assert.equal(table.status, 0, table.stderr);
    const [head, rule, row] = table.stdout.trimEnd().split('\n');
    assert.match(head!, /^subject\s+scope\s+requests\s+last seen\s+combined p\s+strongest signal/);
    assert.match(rule!, /^-+\s+-+/);
    assert.match(row!, /^key:probe\s+key\s+60\s/);
    assert.doesNotMatch(table.stdout, /\d\.\d{6,}/, 'no long decimals');
    assert.match(row!, /like benign traffic|watch: |unusual: /);
  });

  it('refuses a sample with too few principals', () => {
    const traffic = path.join(dir, 'small.jsonl');
    writeFileSync(traffic, lines.slice(0, 600).join('\n'));
    const res = cli(['calibrate', '--traffic', traffic, '--out', path.join(dir, 'x.json'), '--topics', '8']);
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /at least 20 principals with 50 or more requests each \(the sample has 10\)/);
  });
});
