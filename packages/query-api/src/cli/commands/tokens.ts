import type { Command } from 'commander';
import { writeDemoTokens } from '../../auth';
import { customersFor } from '../../generate';

/** `sightline tokens demo --out FILE`: fresh random tokens for each demo customer and an admin. */
export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('manage API tokens (stored as SHA-256 hashes)');
  tokens
    .command('demo')
    .description('create random tokens for every demo customer plus an admin; prints them once')
    .requiredOption('--out <file>', 'where to write the hashed tokens file (SIGHTLINE_TOKENS_FILE)')
    .option('--customer-prefix <prefix>', 'prefix of the demo customer ids', '')
    .action((flags: { out: string; customerPrefix: string }) => {
      const customers = customersFor('default', flags.customerPrefix).map((c) => c.id);
      const issued = writeDemoTokens(flags.out, customers);
      const width = Math.max(...issued.map((t) => (t.customer ?? 'admin (any customer)').length));
      for (const t of issued)
        process.stdout.write(`  ${(t.customer ?? 'admin (any customer)').padEnd(width)}  ${t.token}\n`);
    });
}
