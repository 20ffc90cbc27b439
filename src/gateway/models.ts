// GET /v1/models: the union of what each upstream serves, filtered by its configured model globs.
import type { UpstreamRouter } from './upstream.js';

export interface ModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

const CACHE_MS = 30_000;
let cache: { at: number; router: UpstreamRouter; data: ModelEntry[] } | undefined;

export async function listModels(router: UpstreamRouter, requestId: string): Promise<ModelEntry[]> {
  if (cache && cache.router === router && Date.now() - cache.at < CACHE_MS) return cache.data;
  const seen = new Map<string, ModelEntry>();
  await Promise.all(
    router.upstreams.map(async (u) => {
      const found: ModelEntry[] = u.literalModels.map((id) => ({
        id,
        object: 'model',
        created: 0,
        owned_by: u.name,
      }));
      if (u.literalModels.length < u.config.models.length) {
        try {
          const ac = new AbortController();
          const timer = setTimeout(() => ac.abort(), 3_000);
          const res = await u.request('GET', '/models', undefined, ac.signal, requestId);
          clearTimeout(timer);
          if (res.statusCode === 200) {
            const json = (await res.body.json()) as { data?: { id?: unknown; created?: unknown }[] };
            for (const m of json.data ?? []) {
              if (typeof m.id === 'string' && u.serves(m.id)) {
                found.push({ id: m.id, object: 'model', created: Number(m.created) || 0, owned_by: u.name });
              }
            }
          } else await res.body.dump();
        } catch {
          // An unreachable upstream contributes only its literal model names.
        }
      }
      for (const m of found) if (router.route(m.id) === u && !seen.has(m.id)) seen.set(m.id, m);
    }),
  );
  const data = [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
  cache = { at: Date.now(), router, data };
  return data;
}
