import { Command, Option } from 'commander';
import { COMMANDS } from './registry';
import { DEFAULT_ES_URL } from './command';
import { esUrlsOption } from './options';

/**
 * The `sightline` program; parsing errors throw instead of exiting. Given the arguments, it loads
 * only the command they name; without one (help, a typo) it loads them all, so help lists every
 * command and an unknown one is reported as commander would.
 */
export async function createProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('sightline')
    .description('Sightline: auth-log ingest, reports and export over Elasticsearch')
    .addOption(
      new Option('--es-url <urls>', "Elasticsearch URL (a cluster's nodes separated by commas)")
        .env('ES_URL')
        .default(DEFAULT_ES_URL)
        .argParser(esUrlsOption),
    )
    .exitOverride();
  const named = argv.slice(2).find((arg) => Object.hasOwn(COMMANDS, arg));
  const wanted = named ? [COMMANDS[named]!] : Object.values(COMMANDS);
  for (const register of await Promise.all(wanted.map((load) => load()))) register(program);
  // Subcommands inherit the non-exiting behaviour so every usage error reaches main's exit code 2.
  for (const command of program.commands) command.exitOverride();
  return program;
}
