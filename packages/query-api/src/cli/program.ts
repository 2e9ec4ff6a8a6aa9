import { Command, Option } from 'commander';
import * as registry from './registry';
import { DEFAULT_ES_URL, type RegisterCommand } from './command';
import { urlOption } from './options';

/** The `sightline` program with every registered command; parsing errors throw instead of exiting. */
export function createProgram(): Command {
  const program = new Command('sightline')
    .description('Sightline: auth-log ingest, reports and export over Elasticsearch')
    .addOption(
      new Option('--es-url <url>', 'Elasticsearch URL')
        .env('ES_URL')
        .default(DEFAULT_ES_URL)
        .argParser(urlOption),
    )
    .exitOverride();
  const commands: Record<string, RegisterCommand> = registry;
  for (const register of Object.values(commands)) register(program);
  // Subcommands inherit the non-exiting behaviour so every usage error reaches main's exit code 2.
  for (const command of program.commands) command.exitOverride();
  return program;
}
