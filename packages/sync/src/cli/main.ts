import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { isSdkError } from '@x/core';
import { destinationFor } from '../destinations/open-destination.js';
import { describeError, withHint } from '../engine/error-report.js';
import { SyncConfigError } from '../errors/sync-errors.js';
import { readConfigFile } from './config-file.js';
import { resetStreams } from './commands/reset.js';
import { runCommand } from './commands/run.js';
import { SPRUCE_ACCESS_DEFAULTS, spruceAccessCommand, type SpruceAccessFlags } from './commands/spruce-access.js';
import { formatStatus, statusReport } from './commands/status.js';
import type { Output } from './progress-output.js';
import { resolveDb, resolvePostgres } from './settings.js';

/** Exit codes: 0 done, 1 failed, 2 usage, 3 partial (some streams failed, the rest committed). */
export const EXIT = { done: 0, failed: 1, usage: 2, partial: 3 } as const;

const collect = (value: string, previous: string[] = []) => [...previous, value];

// The package's version for `--version`: set from package.json at build by tsup's `define`
// (tsup.shared.ts) and in tests by vitest's (vitest.workspace.ts), as the clients' User-Agent is.
declare const __X_PACKAGE_VERSION__: string | undefined;
const version = typeof __X_PACKAGE_VERSION__ === 'string' ? __X_PACKAGE_VERSION__ : '0.0.0-source';

/**
 * Runs the `x-sync` command line and resolves with its exit code (it does not call
 * `process.exit`, so tests and wrappers can run it in-process).
 *
 * @example
 * ```ts
 * process.exitCode = await main(['run', '--json'], process.env, { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, output: Output, signal = new AbortController().signal): Promise<number> {
  let code: number = EXIT.done;
  const db = new Option('--db <path>', 'DuckDB file, or postgres://… (or X_SYNC_DB)');
  const schema = () => new Option('--schema <name>', 'PostgreSQL: the schema of every table (or X_SYNC_SCHEMA; default the role\'s current schema)');
  const program = new Command('x-sync')
    .description('Keep a DuckDB or PostgreSQL warehouse in step with Luscii, DexCare and Spruce, exactly once per unit of work.')
    .version(version, '-V, --version', 'print the version of @x/sync')
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.stdout.write(text), writeErr: (text) => output.stderr.write(text) })
    .showHelpAfterError();

  program
    .command('run')
    .description('bring every configured stream up to date')
    .addOption(db)
    .option('--source <name>', 'luscii, dexcare or spruce (repeatable)', collect)
    .option('--stream <table>', 'a table name such as luscii_measurements (repeatable)', collect)
    .option('--since <YYYY-MM-DD>', 'first day a dated stream reads on its first run (default 30 days ago)')
    .option('--full-refresh', 'ignore saved state and read from --since again')
    .option('--dry-run', 'list the windows, reports and files a run would take; write nothing')
    .option('--json', 'one NDJSON event per line on stdout (also when stdout is not a terminal)')
    .option('--verbose', 'with NDJSON, also every batch of rows and every page')
    .option('--config <file>', 'JSON config: streams, start dates, windows, look-backs, AVR types and keys')
    .addOption(schema())
    .option('--lock-wait <seconds>', 'PostgreSQL: how long to wait for another run\'s lock (or X_SYNC_LOCK_WAIT; default 60)')
    .action(async (flags) => {
      code = await runCommand(flags, env, output, signal);
    });

  program
    .command('status')
    .description('streams, high-water marks, pending AVR reports, last runs and Spruce files')
    .option('--db <path>', 'DuckDB file, or postgres://… (or X_SYNC_DB)')
    .option('--json', 'print JSON')
    .option('--config <file>', 'JSON config (for its db)')
    .addOption(schema())
    .action(async (flags: { db?: string; json?: boolean; config?: string; schema?: string }) => {
      const config = flags.config ? await readConfigFile(flags.config) : {};
      const { destination } = destinationFor(resolveDb(flags.db, env, config), { dryRun: false, postgres: resolvePostgres(flags, env) });
      await destination.open({ readOnly: true });
      try {
        const report = await statusReport(destination);
        output.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report));
      } finally {
        await destination.close();
      }
    });

  program
    .command('reset')
    .description('drop the table and state of a stream, or of every stream of a source')
    .option('--db <path>', 'DuckDB file, or postgres://… (or X_SYNC_DB)')
    .option('--stream <table>', 'a table name (repeatable)', collect)
    .option('--source <name>', 'luscii, dexcare or spruce (repeatable)', collect)
    .addOption(schema())
    .option('--lock-wait <seconds>', 'PostgreSQL: how long to wait for another run\'s lock (or X_SYNC_LOCK_WAIT; default 60)')
    .action(async (flags: { db?: string; stream?: string[]; source?: string[]; schema?: string; lockWait?: string }) => {
      const db = resolveDb(flags.db, env);
      const { destination } = destinationFor(db, { dryRun: false, postgres: resolvePostgres(flags, env) });
      // Opening it would create an empty file, reset nothing and say it had: run from another folder than the job.
      if (destination.kind === 'duckdb' && !existsSync(db)) throw new SyncConfigError(`no DuckDB database at ${db}: nothing to reset; point --db (or X_SYNC_DB) at the file your runs write`);
      await destination.open({ readOnly: false, signal });
      try {
        const names = await resetStreams(destination, flags);
        output.stdout.write(`reset ${names.join(', ')}\n`);
      } finally {
        await destination.close();
      }
    });

  program
    .command('export')
    .description('write every table as Parquet or CSV files')
    .option('--db <path>', 'DuckDB file, or postgres://… (or X_SYNC_DB)')
    .addOption(new Option('--format <format>', 'parquet or csv').choices(['parquet', 'csv']).makeOptionMandatory())
    .requiredOption('--out <dir>', 'folder to write <table>.<format> into')
    .addOption(schema())
    .action(async (flags: { db?: string; format: 'parquet' | 'csv'; out: string; schema?: string }) => {
      const { destination } = destinationFor(resolveDb(flags.db, env), { dryRun: false, postgres: resolvePostgres(flags, env) });
      await destination.open({ readOnly: true });
      try {
        for (const file of await destination.exportTables(flags.format, flags.out)) output.stdout.write(`${file.file}\t${file.rows} rows\n`);
      } finally {
        await destination.close();
      }
    });

  program
    .command('spruce-access')
    .description('who could see which Spruce conversation, and why, from the synced tables')
    .requiredOption('--endpoints <file>', 'JSON file: who owns which phone number or Spruce Link')
    .option('--at <date>', 'the instant to answer for, ISO 8601 or YYYY-MM-DD (default the end of the newest synced export)')
    .addOption(new Option('--format <format>', 'json, csv or html').choices(['json', 'csv', 'html']).default(SPRUCE_ACCESS_DEFAULTS.format))
    .addOption(new Option('--rows <rows>', 'with --format csv: viewers or exceptions').choices(['viewers', 'exceptions']).default(SPRUCE_ACCESS_DEFAULTS.rows))
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--patient-names', 'with --format html: show each restricted conversation\'s patient name')
    .option('--db <path>', 'DuckDB file, or postgres://… (or X_SYNC_DB)')
    .option('--config <file>', 'JSON config (for its db)')
    .addOption(schema())
    .action(async (flags: SpruceAccessFlags & { db?: string; config?: string; schema?: string }) => {
      const config = flags.config ? await readConfigFile(flags.config) : {};
      const { destination } = destinationFor(resolveDb(flags.db, env, config), { dryRun: false, postgres: resolvePostgres(flags, env) });
      await spruceAccessCommand(destination, flags, output, signal);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.done : EXIT.usage;
    const { error: name, message, hint } = describeError(error);
    output.stderr.write(`x-sync: ${name}: ${isSdkError(error) && !(error instanceof SyncConfigError) ? withHint(message, hint) : message}\n`);
    return error instanceof SyncConfigError ? EXIT.usage : EXIT.failed;
  }
}
