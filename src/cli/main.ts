// The `warden` command line: one file per command, all returning an exit code (no process.exit in library code).
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load.js';
import { registerApprovals } from './approvals.js';
import { registerAudit } from './audit.js';
import { registerConfig } from './config.js';
import { registerDetect } from './detect.js';
import { registerExtraction } from './extraction.js';
import { registerBans, registerKeys } from './keys.js';
import { registerSandbox } from './sandbox.js';
import { registerScan } from './scan.js';
import { registerServe } from './serve.js';
import { registerSim } from './sim.js';

export async function main(argv: readonly string[]): Promise<number> {
  let pending: Promise<number> | undefined;
  const done = (p: Promise<number>) => {
    pending = p;
  };
  const program = new Command('warden')
    .description('Warden: a security gateway for LLM inference endpoints')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  registerServe(program, done);
  registerSim(program, done);
  registerConfig(program, done);
  registerAudit(program, done);
  registerKeys(program, done);
  registerBans(program, done);
  registerScan(program, done);
  registerSandbox(program, done);
  registerApprovals(program, done);
  registerDetect(program, done);
  registerExtraction(program, done);
  try {
    await program.parseAsync([...argv]);
    return pending ? await pending : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ConfigError) {
      process.stderr.write(`warden: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

const entry = process.argv[1] ?? '';
if (entry.endsWith('/cli/main.ts') || entry.endsWith('/cli/main.js')) {
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`warden: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
