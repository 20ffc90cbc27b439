import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { buildGuards } from '../guards/registry.js';
import { ConfigError, configJsonSchema, embeddedDefaults, loadConfigFile, validateConfig } from './load.js';

describe('config', () => {
  it('validates every example config, guards included', () => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.yaml'));
    assert.ok(files.length >= 2);
    for (const f of files) {
      const cfg = loadConfigFile(join('examples', f));
      buildGuards(cfg.guards, { log: pino({ level: 'silent' }), dataDir: cfg.dataDir, secrets: [] });
    }
  });

  it('accepts the embedded defaults', () => {
    const cfg = validateConfig(embeddedDefaults(), 'defaults');
    assert.equal(cfg.auth.mode, 'keys', 'keys are required by default');
    assert.equal(cfg.upstreams[0]?.name, 'demo-simulator');
  });

  it('reads responses.retention as a positive duration, 30 days by default', () => {
    const base = embeddedDefaults() as Record<string, unknown>;
    assert.equal(validateConfig(base, 'defaults').responses.retention, 30 * 86_400_000);
    const set = validateConfig({ ...base, responses: { store: 'sqlite', retention: '12h' } }, 'test');
    assert.equal(set.responses.retention, 12 * 3_600_000);
    for (const retention of ['0s', 'forever'])
      assert.throws(
        () => validateConfig({ ...base, responses: { retention } }, 'test'),
        (err: unknown) => err instanceof ConfigError && /responses\.retention/.test(err.issues.join('\n')),
      );
  });

  it('gives the extraction monitor an embedding budget of one core by default, and takes a partial one', () => {
    const base = embeddedDefaults() as Record<string, unknown>;
    assert.deepEqual(validateConfig(base, 'defaults').extraction.embedBudget, {
      msPerSecond: 1000,
      run: 64,
      floor: 1 / 64,
    });
    const half = validateConfig({ ...base, extraction: { embedBudget: { msPerSecond: 500 } } }, 'test');
    assert.deepEqual(half.extraction.embedBudget, { msPerSecond: 500, run: 64, floor: 1 / 64 });
    for (const embedBudget of [{ msPerSecond: 0 }, { floor: 2 }, { run: 8 }, { msPerSec: 500 }])
      assert.throws(
        () => validateConfig({ ...base, extraction: { embedBudget } }, 'test'),
        (err: unknown) => err instanceof ConfigError && /extraction\.embedBudget/.test(err.issues.join('\n')),
        JSON.stringify(embedBudget),
      );
  });

  it('names the path and the fix of each problem', () => {
    const file = join(tmpdir(), `warden-bad-${process.pid}.yaml`);
    writeFileSync(
      file,
      'upstreams:\n  - name: x\n    baseUrl: ftp://nope\nserverr: {}\nlimits:\n  principal:\n    requests: { limit: 5, window: soon }\n',
    );
    try {
      loadConfigFile(file);
      assert.fail('should have thrown');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const text = err.issues.join('\n');
      assert.match(text, /upstreams\.0\.baseUrl/);
      assert.match(text, /serverr.*check its spelling/);
      assert.match(text, /limits\.principal\.requests\.window: a duration/);
    }
  });

  it('refuses to turn the audit off rather than ignoring the setting', () => {
    const base = embeddedDefaults() as Record<string, unknown>;
    assert.equal(validateConfig({ ...base, audit: { enabled: true } }, 'test').audit.enabled, true);
    assert.throws(
      () => validateConfig({ ...base, audit: { enabled: false } }, 'test'),
      (err: unknown) =>
        err instanceof ConfigError &&
        /audit\.enabled: the audit cannot be turned off/.test(err.issues.join('\n')),
    );
  });

  it('generates a JSON Schema with descriptions from the zod schema', () => {
    const schema = configJsonSchema() as { properties: Record<string, { description?: string }> };
    assert.ok(schema.properties.upstreams?.description);
    assert.ok(schema.properties.guards);
    assert.ok(schema.properties.limits);
  });
});
