// Request guard that strips invisible, tag and bidi-control characters from every caller text part before the
// model or any other guard reads it, and reports hidden payloads and disguise marks to the injection guard.
import { z } from 'zod';
import { requestTexts, setTextAt } from '../../../core/context.js';
import { allow, block, transform } from '../../../core/decision.js';
import { canonicalise, forwardText } from '../../../detectors/unicode/canonicalise.js';
import { defineGuardType } from '../../types.js';

/** ctx.state key under which decoded hidden payloads (string[]) are passed to the injection guard. */
export const UNICODE_HIDDEN_STATE = 'unicode.hidden';
/** ctx.state key: how many marks of deliberate obfuscation the canonicaliser removed (a number). */
export const UNICODE_OBFUSCATION_STATE = 'unicode.obfuscation';
/** Kinds that ordinary text almost never needs, so their presence is evidence of a disguise. */
const OBFUSCATION_KINDS = new Set([
  'zero-width',
  'bidi-controls',
  'tag-characters',
  'variation-selectors',
  'invisible',
]);

const options = z
  .object({
    onHidden: z
      .enum(['strip', 'block'])
      .default('strip')
      .describe(
        'What to do when invisible code points carry a hidden payload: strip it, or block the request.',
      ),
    includeOperator: z
      .boolean()
      .default(false)
      .describe('Also canonicalise operator text (system and developer messages).'),
  })
  .strict();

type Path = readonly (string | number)[];

/** Text the canonicaliser leaves as it is (its own fast path). */
const PLAIN_ASCII = /^[\x20-\x7e\t\n\r]*$/;

/**
 * Every object key, and every string value outside the text parts, of a request body: names, call ids, schema
 * property names and patterns, `user`. The model or its chat template reads them too, so smuggled characters in
 * them are stripped like in any text (and their hidden payloads reported).
 */
function structuralStrings(body: unknown, textPaths: ReadonlySet<string>, out: string[]): boolean {
  let collision = false;
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (typeof v === 'string') {
      // Plain ASCII is never changed: only other strings pay for the path lookup.
      if (!PLAIN_ASCII.test(v) && !textPaths.has(JSON.stringify(path))) out.push(v);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        path.push(i);
        walk(x, path);
        path.pop();
      });
    } else if (v && typeof v === 'object') {
      const keys = Object.keys(v);
      if (new Set(keys.map(forwardText)).size < keys.length) collision = true;
      for (const [k, x] of Object.entries(v)) {
        if (!PLAIN_ASCII.test(k)) out.push(k);
        path.push(k);
        walk(x, path);
        path.pop();
      }
    }
  };
  walk(body, []);
  return collision;
}

/** Strips keys and non-text string values in place (text parts are rewritten by their own paths). */
function stripStructural(body: Record<string, unknown>, textPaths: ReadonlySet<string>): void {
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === 'string')
      return PLAIN_ASCII.test(v) || textPaths.has(JSON.stringify(path)) ? v : forwardText(v);
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        path.push(i);
        v[i] = walk(x, path);
        path.pop();
      });
      return v;
    }
    if (v && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      for (const k of Object.keys(obj)) {
        path.push(k);
        const x = walk(obj[k], path);
        path.pop();
        const nk = forwardText(k);
        if (nk === k) obj[k] = x;
        else {
          delete obj[k];
          obj[nk] = x;
        }
      }
    }
    return v;
  };
  walk(body, []);
}

const pathKey = (p: Path) => JSON.stringify(p);

export const unicodeGuard = defineGuardType({
  name: 'unicode',
  description:
    'Removes Unicode smuggling (tag characters, zero-width, bidi controls, variation-selector bytes, invisible and private-use code points), folds compatibility forms and mixed-script homoglyphs.',
  phases: ['request'],
  tags: ['LLM01'],
  options,
  create(opts, settings) {
    return {
      id: settings.id,
      phase: 'request',
      tags: ['LLM01'],
      failMode: settings.failMode,
      stage: -5,
      check(ctx) {
        const rewrites: { path: readonly (string | number)[]; text: string }[] = [];
        const totals = new Map<string, number>();
        const hidden: string[] = [];
        let mixedScriptWords = 0;
        let wholeScriptConfusables = 0;
        let unrewritable = 0;
        let obfuscation = 0;
        const parts = requestTexts(ctx.route, ctx.body);
        const textPaths = new Set(parts.filter((p) => !p.identifier).map((p) => pathKey(p.path)));
        // Keys and identifiers first (their paths are the text parts' own, so they never overlap).
        const structural: string[] = [];
        const collision = structuralStrings(ctx.body, textPaths, structural);
        let structuralChanged = 0;
        for (const text of structural) {
          const r = canonicalise(text, { fold: false });
          if (!r.changed) continue;
          structuralChanged++;
          hidden.push(...r.hidden);
          for (const c of r.changes) {
            totals.set(c.kind, (totals.get(c.kind) ?? 0) + c.count);
            if (OBFUSCATION_KINDS.has(c.kind)) obfuscation += c.count;
          }
        }
        for (const part of parts) {
          if (part.trust === 'operator' && !opts.includeOperator) continue;
          // Identifiers (schema property names, message and tool names) are read and stripped with the others above.
          if (part.identifier) continue;
          const r = canonicalise(part.text);
          hidden.push(...r.hidden);
          mixedScriptWords += r.mixedScriptWords;
          wholeScriptConfusables += r.wholeScriptConfusables;
          for (const c of r.changes) totals.set(c.kind, (totals.get(c.kind) ?? 0) + c.count);
          // System prompts often carry pasted web text (soft hyphens, joiners): not a disguise of the caller's.
          if (part.trust !== 'caller-system') {
            obfuscation += r.mixedScriptWords;
            for (const c of r.changes) if (OBFUSCATION_KINDS.has(c.kind)) obfuscation += c.count;
          }
          if (!r.changed) continue;
          // Look-alikes and compatibility forms stay in what the model receives (decision 1610): only what
          // renders as nothing is removed; the detectors fold the rest in their own view.
          const forwarded = forwardText(part.text);
          if (forwarded === part.text) continue;
          if (part.readOnly) unrewritable++;
          else rewrites.push({ path: part.path, text: forwarded });
        }
        if (obfuscation > 0) ctx.state.set(UNICODE_OBFUSCATION_STATE, obfuscation);
        if (hidden.length > 0) {
          const prior = ctx.state.get(UNICODE_HIDDEN_STATE);
          ctx.state.set(UNICODE_HIDDEN_STATE, [...(Array.isArray(prior) ? prior : []), ...hidden]);
        }
        const details = {
          parts: rewrites.length,
          identifiers: structuralChanged,
          changes: Object.fromEntries(totals),
          hiddenPayloads: hidden.length,
          mixedScriptWords,
          wholeScriptConfusables,
        };
        if (collision) {
          // Stripped, one key would shadow another: which one the upstream reads is not Warden's to guess.
          return block(settings.id, {
            reason: 'two keys differ only by invisible characters',
            score: 1,
            details,
          });
        }
        if (unrewritable > 0) {
          // Token ids cannot be edited as text: invisible characters in them reach the model, so refuse.
          return block(settings.id, {
            reason: `invisible Unicode in token-id input (${unrewritable} parts)`,
            score: 1,
            details,
          });
        }
        if (hidden.length > 0 && opts.onHidden === 'block') {
          return block(settings.id, {
            reason: `hidden payload in invisible Unicode (${hidden.length})`,
            score: 1,
            details,
          });
        }
        if (rewrites.length === 0 && structuralChanged === 0) return allow(settings.id, { details });
        return transform(settings.id, {
          changes: [...totals.entries()].map(([kind, n]) => `removed or normalised ${n} ${kind}`),
          details,
          patch(c) {
            for (const r of rewrites) setTextAt(c.body, r.path, r.text);
            if (structuralChanged > 0) stripStructural(c.body, textPaths);
          },
        });
      },
    };
  },
});
