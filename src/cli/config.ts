// `warden config check|schema`: validate a config file, print the JSON Schema generated from the zod schema.
import type { Command } from 'commander';
import { ConfigError, configJsonSchema, loadConfigFile } from '../config/load.js';
import { createLogger } from '../core/log.js';
import { buildGuards } from '../guards/registry.js';

export function registerConfig(program: Command, done: (p: Promise<number>) => void): void {
  const config = program.command('config').description('Check a config file or print its JSON Schema');
  config
    .command('check <file>')
    .description(
      'Validate a YAML config file (schema and guard options); exit 1 with the problems if invalid',
    )
    .action((file: string) =>
      done(
        (async () => {
          try {
            const cfg = loadConfigFile(file);
            buildGuards(cfg.guards, { log: createLogger('silent'), dataDir: cfg.dataDir, secrets: [] });
            process.stdout.write(
              `${file}: ok (${cfg.upstreams.length} upstream(s), ${cfg.guards.request.length + cfg.guards.response.length + cfg.guards.toolCall.length} guard(s))\n`,
            );
            return 0;
          } catch (err) {
            if (err instanceof ConfigError) {
              process.stderr.write(`${err.message}\n`);
              return 1;
            }
            throw err;
          }
        })(),
      ),
    );
  config
    .command('schema')
    .description('Print the JSON Schema of the config file')
    .action(() => {
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
      done(Promise.resolve(0));
    });
}
