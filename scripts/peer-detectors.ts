// The runnable npm injection detectors Warden is compared with (devDependencies, evaluation only).

import vard from '@andersmyrmel/vard';
import { checkInjection, checkJailbreak } from 'llm_guardrail';
import { LLMGuard } from 'llm-guard';

export interface PeerDetector {
  name: string;
  flag(text: string): Promise<boolean>;
}

const llmGuard = new LLMGuard({ promptInjection: true, jailbreak: true });

export const peers: readonly PeerDetector[] = [
  {
    name: 'llm_guardrail',
    async flag(text) {
      const [i, j] = await Promise.all([checkInjection(text), checkJailbreak(text)]);
      return Boolean(i.detected || j.detected);
    },
  },
  {
    name: '@andersmyrmel/vard',
    async flag(text) {
      return !vard.safe(text).safe;
    },
  },
  {
    name: 'llm-guard',
    async flag(text) {
      return !(await llmGuard.validate(text)).isValid;
    },
  },
];
