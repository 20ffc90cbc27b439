// `warden sim`: runs the deterministic simulated model (a vulnerable stand-in, not a real LLM).
import type { Command } from 'commander';
import { startSimulator } from '../sim/server.js';
import { parsePort } from './serve.js';

export function registerSim(program: Command, done: (p: Promise<number>) => void): void {
  program
    .command('sim')
    .description(
      'Start the simulated model "warden-sim-1" (deterministic, deliberately vulnerable; NOT a real LLM)',
    )
    .option('-p, --port <n>', 'port to listen on', '8081')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .action((opts: { port: string; host: string }) =>
      done(
        (async () => {
          const sim = await startSimulator(parsePort(opts.port), opts.host);
          process.stderr.write(
            `warden sim: SIMULATED model (not a real LLM) listening on ${sim.url} (models: warden-sim-1, warden-sim-embed-1)\n`,
          );
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await sim.close();
          return 0;
        })(),
      ),
    );
}
