// Structural checks of the deployment files (no container engine or cluster runs here): Dockerfile, compose
// file and Kubernetes manifests parse, probe the right endpoints, keep secrets out and carry valid configs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { validateConfig } from '../src/config/load.js';
import type { WardenConfig } from '../src/config/schema.js';
import { resolveStores, unsharedStores } from '../src/store/select.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is walked structurally; the asserts are the type checks.
type Obj = Record<string, any>;
const read = (p: string) => readFileSync(p, 'utf8');
const manifests = (p: string): Obj[] =>
  parseAllDocuments(read(p)).map((d) => {
    assert.equal(d.errors.length, 0, `${p}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS() as Obj;
  });
const SECRET_NAMES = /SECRET|PASSWORD|API_KEY|TOKEN/;

function checkSharedConfig(config: WardenConfig, where: string): void {
  assert.equal(config.server.host, '0.0.0.0', `${where}: listen on all interfaces in a container`);
  assert.equal(config.server.port, 8080, `${where}: port 8080`);
  assert.equal(config.dataDir, '/data', `${where}: the journal lives in the /data volume`);
  assert.deepEqual(unsharedStores(resolveStores(config)), [], `${where}: every store is shared`);
  assert.ok(!/password|:[^@/]+@/i.test(config.postgres!.url), `${where}: no password in the URL`);
}

describe('deployment files', () => {
  it('Dockerfile: node:20-slim, npm ci, non-root USER, HEALTHCHECK on /healthz, no baked secrets', () => {
    const text = read('Dockerfile');
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const froms = lines.filter((l) => l.startsWith('FROM '));
    assert.ok(froms.length >= 1 && froms.every((l) => /^FROM node:20-slim\b/.test(l)));
    assert.ok(lines.some((l) => /\bnpm ci\b/.test(l)));
    const lastFrom = lines.findLastIndex((l) => l.startsWith('FROM '));
    const runtime = lines.slice(lastFrom);
    const user = runtime.findLast((l) => l.startsWith('USER '));
    assert.ok(user, 'the runtime stage sets USER');
    assert.ok(!/^USER\s+(root|0)(\s|:|$)/.test(user!), 'and it is not root');
    const cmdAt = runtime.findIndex((l) => l.startsWith('ENTRYPOINT') || l.startsWith('CMD'));
    assert.ok(runtime.indexOf(user!) < cmdAt, 'USER comes before the command');
    const health = text.slice(text.indexOf('HEALTHCHECK'));
    assert.match(health.split('\n\n')[0]!, /\/healthz/);
    assert.ok(runtime.some((l) => l === 'EXPOSE 8080'));
    for (const l of lines.filter((x) => /^(ENV|ARG)\s/.test(x)))
      assert.ok(!SECRET_NAMES.test(l), `no secret in ${l.split(/\s/)[0]}: ${l.slice(0, 40)}`);
    assert.ok(!lines.some((l) => /COPY .*\.(env|secret)\b|server\.secret/.test(l)));
    const ignore = read('.dockerignore').split('\n');
    for (const p of ['node_modules', '.git', '.warden-data', '.env', '*.secret'])
      assert.ok(ignore.includes(p), `.dockerignore lists ${p}`);
  });

  it('the image config validates and shares every store', () => {
    checkSharedConfig(validateConfig(parse(read('deploy/warden.yaml')), 'deploy/warden.yaml'), 'image');
  });

  it('docker-compose: Warden x3 with Redis and PostgreSQL, secrets from the environment', () => {
    const compose = parse(read('docker-compose.yml')) as Obj;
    const s = compose.services as Obj;
    assert.ok(s.redis && s.postgres && s.warden);
    const w = s.warden as Obj;
    assert.ok((w.deploy?.replicas ?? 0) >= 3);
    for (const [k, v] of Object.entries(w.environment as Obj)) {
      if (SECRET_NAMES.test(k))
        assert.match(String(v), /^\$\{[A-Z_]+(:[?-][^}]*)?\}$/, `${k} is a reference`);
    }
    assert.match(String((w.environment as Obj).WARDEN_SERVER_SECRET), /:\?/, 'the server secret is required');
    assert.match(String(s.postgres.environment.POSTGRES_PASSWORD), /^\$\{/);
    assert.deepEqual(Object.keys(w.depends_on).sort(), ['postgres', 'redis']);
    assert.ok(
      (w.volumes as string[]).some((v) => v.startsWith('./deploy/warden.yaml:/etc/warden/warden.yaml')),
    );
  });

  it('docker-compose: the tracing profile adds an OTLP back end; tracing is off unless asked for', () => {
    const s = (parse(read('docker-compose.yml')) as Obj).services as Obj;
    assert.deepEqual(s.jaeger.profiles, ['tracing'], 'the trace back end only runs with --profile tracing');
    const env = s.warden.environment as Obj;
    assert.equal(
      env.OTEL_TRACES_EXPORTER,
      ['$', '{OTEL_TRACES_EXPORTER:-none}'].join(''),
      'a compose reference with the default none',
    );
    assert.match(String(env.OTEL_EXPORTER_OTLP_ENDPOINT), /http:\/\/jaeger:4318/);
    assert.ok(['http/protobuf', 'http/json'].includes(String(env.OTEL_EXPORTER_OTLP_PROTOCOL)));
  });

  it('Kubernetes: probes, ports, resources, secret references, PDB and Service match the Deployment', () => {
    const [dep] = manifests('deploy/kubernetes/deployment.yaml');
    const [svc] = manifests('deploy/kubernetes/service.yaml');
    const [pdb] = manifests('deploy/kubernetes/pdb.yaml');
    const [cm] = manifests('deploy/kubernetes/configmap.yaml');
    assert.equal(dep!.kind, 'Deployment');
    assert.ok(dep!.spec.replicas >= 2);
    const podLabels = dep!.spec.template.metadata.labels as Obj;
    assert.deepEqual(dep!.spec.selector.matchLabels, podLabels);
    const pod = dep!.spec.template.spec as Obj;
    assert.equal(pod.securityContext.runAsNonRoot, true);
    const c = pod.containers[0] as Obj;
    const port = (c.ports as Obj[]).find((p) => p.name === 'http');
    assert.equal(port?.containerPort, 8080);
    assert.equal(c.readinessProbe.httpGet.path, '/readyz');
    assert.equal(c.livenessProbe.httpGet.path, '/healthz');
    for (const probe of [c.readinessProbe, c.livenessProbe])
      assert.ok([8080, 'http'].includes(probe.httpGet.port));
    for (const k of ['requests', 'limits'])
      assert.ok(c.resources[k].cpu && c.resources[k].memory, `resources.${k}`);
    const env = new Map((c.env as Obj[]).map((e) => [e.name, e]));
    for (const name of ['WARDEN_SERVER_SECRET', 'OPENAI_API_KEY', 'PGPASSWORD']) {
      const e = env.get(name);
      assert.ok(e?.valueFrom?.secretKeyRef?.name, `${name} comes from a Secret`);
      assert.equal(e.value, undefined);
    }
    for (const e of c.env as Obj[]) if (SECRET_NAMES.test(e.name)) assert.equal(e.value, undefined);
    const mounts = new Map((c.volumeMounts as Obj[]).map((m) => [m.mountPath, m.name]));
    const volumes = new Map((pod.volumes as Obj[]).map((v) => [v.name, v]));
    assert.equal(volumes.get(mounts.get('/etc/warden'))?.configMap?.name, cm!.metadata.name);
    assert.ok(volumes.get(mounts.get('/data')), 'a /data volume for the journal');
    const config = validateConfig(parse(cm!.data['warden.yaml']), 'ConfigMap warden.yaml');
    checkSharedConfig(config, 'ConfigMap');
    assert.ok(
      pod.terminationGracePeriodSeconds * 1000 > config.server.drainMs,
      'the grace period outlasts the drain',
    );
    assert.equal(svc!.kind, 'Service');
    assert.deepEqual(svc!.spec.selector, podLabels);
    assert.ok((svc!.spec.ports as Obj[]).some((p) => p.targetPort === 'http' || p.targetPort === 8080));
    assert.equal(pdb!.kind, 'PodDisruptionBudget');
    assert.deepEqual(pdb!.spec.selector.matchLabels, podLabels);
    assert.ok(pdb!.spec.maxUnavailable !== undefined || pdb!.spec.minAvailable !== undefined);
    const kust = parse(read('deploy/kubernetes/kustomization.yaml')) as Obj;
    assert.deepEqual([...kust.resources].sort(), [
      'configmap.yaml',
      'deployment.yaml',
      'pdb.yaml',
      'service.yaml',
    ]);
  });
});
