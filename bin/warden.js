#!/usr/bin/env node
// Entry point for `npx warden`: runs the compiled CLI (built by `npm run build`, which `prepare` runs on install).
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`warden: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
