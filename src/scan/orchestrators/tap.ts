// TAP (Mehrotra et al. 2023): tree of attacks with pruning: branch each kept prompt, score, keep the best `width`.
import type { ChatTarget } from '../targets/openai.js';
import type { Attempt } from '../types.js';
import { PAIR_SYSTEM } from './pair.js';
import {
  type AttackerChat,
  finalAttempt,
  type Objective,
  objectiveBrief,
  parseAttackerPrompt,
  replyForAttacker,
  type Trial,
  trial,
} from './shared.js';

export interface TapOptions {
  branching?: number;
  width?: number;
  depth?: number;
  signal?: AbortSignal;
}

interface Node {
  trial?: Trial;
  lineage: string[];
}

export async function runTap(
  target: ChatTarget,
  attacker: AttackerChat,
  obj: Objective,
  opts: TapOptions = {},
): Promise<Attempt> {
  const branching = opts.branching ?? 2;
  const width = opts.width ?? 3;
  const depth = opts.depth ?? 3;
  let frontier: Node[] = [{ lineage: [] }];
  let best: Trial | undefined;
  let queries = 0;
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const children: Node[] = [];
    for (const node of frontier) {
      for (let b = 0; b < branching; b++) {
        if (opts.signal?.aborted) break;
        const feedback = node.trial
          ? `Previous prompt: ${JSON.stringify(node.trial.prompt)}\nTarget reply: ${replyForAttacker(node.trial)}\nScore: ${node.trial.score.toFixed(2)}.`
          : 'No attempt yet.';
        const reply = await attacker(
          [
            { role: 'system', content: PAIR_SYSTEM },
            {
              role: 'user',
              content: `${objectiveBrief(obj)}\n${feedback}\nBranch ${b + 1} of ${branching}: propose a different improvement.`,
            },
          ],
          opts.signal,
        );
        const prompt = parseAttackerPrompt(reply);
        // Pruning phase 1: drop empty or duplicate prompts (an off-topic judge would go here).
        if (!prompt || children.some((c) => c.trial?.prompt === prompt)) continue;
        const t = await trial(target, obj, prompt, opts.signal);
        queries++;
        if (!best || t.score > best.score) best = t;
        if (t.scored.outcome === 'vulnerable') return finalAttempt(obj, t, 'tap', queries, d + 1);
        children.push({ trial: t, lineage: [...node.lineage, prompt] });
      }
    }
    // Pruning phase 2: keep the `width` best-scoring leaves.
    frontier = children.sort((a, b) => (b.trial?.score ?? 0) - (a.trial?.score ?? 0)).slice(0, width);
  }
  if (!best) best = await trial(target, obj, obj.start, opts.signal);
  return finalAttempt(obj, best, 'tap', Math.max(queries, 1), depth);
}
