// Scan progress on stderr: a redrawn bar on a terminal, plain periodic lines otherwise.
import type { Outcome } from './types.js';

export interface Progress {
  tick(outcome: Outcome): void;
  done(): void;
}

export function progressReporter(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const counts: Record<Outcome, number> = { vulnerable: 0, resisted: 0, blocked: 0, error: 0, unscorable: 0 };
  let n = 0;
  let lastDraw = 0;
  const started = Date.now();
  const tty = stream.isTTY === true;
  const step = Math.max(1, Math.ceil(total / 20));
  const line = () => {
    const rate = n / Math.max(0.001, (Date.now() - started) / 1000);
    return `${n}/${total} cases, ${rate.toFixed(0)}/s  vulnerable ${counts.vulnerable}  resisted ${counts.resisted}  blocked ${counts.blocked}  error ${counts.error}  unscorable ${counts.unscorable}`;
  };
  const draw = () => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((n / total) * width);
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line()}\u001b[K`);
  };
  return {
    tick(outcome) {
      counts[outcome]++;
      n++;
      if (tty) {
        if (Date.now() - lastDraw > 80 || n === total) {
          lastDraw = Date.now();
          draw();
        }
      } else if (n % step === 0 || n === total) {
        stream.write(`warden scan: ${line()}\n`);
      }
    },
    done() {
      if (tty) {
        draw();
        stream.write('\n');
      }
    },
  };
}
