// The import graph of src/: no module cycles (the relays never import the server), the gateway and agents in
// no cycle of domains, and src/http below every domain. Type-only imports count: they are arrows all the same.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
// Static imports and re-exports (`import x from`, `import type {..} from`, `export * from`), bare side-effect
// imports and dynamic import() of relative specifiers.
const SPECIFIERS = [
  /\b(?:import|export)\s[^'";]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g,
  /\bimport\s*['"](\.{1,2}\/[^'"]+)['"]/g,
  /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Module (path relative to src/) -> the src/ modules it imports. */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const to = new Set<string>();
    for (const re of SPECIFIERS) {
      for (const m of text.matchAll(re)) {
        const target = resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'));
        if (existsSync(target) && target.startsWith(SRC)) to.add(relative(SRC, target));
      }
    }
    graph.set(relative(SRC, file), to);
  }
  return graph;
}

/** Strongly connected components with more than one node (Tarjan, iterative enough for src/'s depth). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The graph of top-level folders of src/ (gateway, agents, http...); files at the root are '(root)'. */
function domainGraph(graph: Map<string, Set<string>>): Map<string, Set<string>> {
  const domain = (f: string) => (f.includes('/') ? f.slice(0, f.indexOf('/')) : '(root)');
  const out = new Map<string, Set<string>>();
  for (const [from, tos] of graph) {
    const a = domain(from);
    if (!out.has(a)) out.set(a, new Set());
    for (const to of tos) if (domain(to) !== a) out.get(a)!.add(domain(to));
  }
  return out;
}

const graph = importGraph();

describe('import graph of src/', () => {
  it('reads the imports it should (the walker is not blind)', () => {
    assert.ok(graph.get('gateway/server.ts')?.has('gateway/relay-json.ts'));
    assert.ok(
      graph.get('gateway/relay-json.ts')?.has('agents/approvals/gate.ts'),
      'a type-less value import',
    );
    assert.ok(graph.get('gateway/relay-json.ts')?.has('gateway/proxy-call.ts'), 'an `import type` counts');
    assert.ok(graph.get('gateway/http.ts')?.has('http/reply.ts'), 'a re-export counts');
  });

  it('has no module cycle (relays and the server share types through gateway/proxy-call.ts)', () => {
    assert.deepEqual(cycles(graph), []);
  });

  it('puts the gateway and agents in no cycle of domains', () => {
    const domains = domainGraph(graph);
    assert.ok(domains.get('gateway')?.has('agents'), 'the gateway uses agents (approvals)');
    const tangled = cycles(domains).filter((c) => c.includes('gateway') || c.includes('agents'));
    assert.deepEqual(tangled, []);
  });

  it('keeps src/http below every domain: it imports core only', () => {
    const domains = domainGraph(graph);
    assert.deepEqual([...(domains.get('http') ?? [])], ['core']);
  });
});
