// The embedded default posture for agents: destructive and sensitive tools wait for a human, nothing is denied.
import type { ConfigInput } from './schema.js';

/**
 * Whole words of a tool name (see agents/tool-names.ts) that hold the call for approval: `deleteUser` and
 * `bulk_delete` are held, `get_posts` and `compost` are not. Kept here as data so `warden config` can show it.
 */
export const DEFAULT_HELD_WORDS = {
  destructive: ['delete', 'drop', 'remove', 'destroy', 'truncate', 'purge', 'wipe', 'erase'],
  money: ['transfer', 'pay', 'payment', 'refund', 'withdraw', 'charge'],
  messages: ['send_email', 'send_mail', 'send_message', 'send_sms', 'post', 'publish'],
  code: ['exec', 'execute', 'shell', 'bash', 'eval', 'run_code', 'run_command', 'run_script', 'run_shell'],
  privileges: ['grant', 'revoke', 'sudo'],
} as const;

const REASONS: Record<keyof typeof DEFAULT_HELD_WORDS, string> = {
  destructive: 'destructive action (default posture)',
  money: 'moves money (default posture)',
  messages: 'sends a message on your behalf (default posture)',
  code: 'runs code or commands (default posture)',
  privileges: 'changes privileges (default posture)',
};

/** The tool-policy guard of the embedded defaults: hold what the table names for approval, allow the rest. */
export function defaultToolPolicy(): NonNullable<ConfigInput['guards']>['toolCall'] {
  return [
    {
      use: 'tool-policy',
      options: {
        policies: [
          {
            name: 'default posture',
            rules: Object.entries(DEFAULT_HELD_WORDS).map(([kind, words]) => ({
              words: [...words],
              action: 'approve' as const,
              reason: REASONS[kind as keyof typeof DEFAULT_HELD_WORDS],
            })),
          },
        ],
        unmatched: 'allow',
      },
    },
  ];
}

/** How long the embedded defaults hold a call before answering pending: short, so agents and scans never stall. */
export const DEFAULT_HOLD_MS = 1_000;
