import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type CliResult } from './helpers/index.js';

const CLI = fileURLToPath(new URL('../src/cli/', import.meta.url));

describe('the exit code of x-sync', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await tempDir()));
  afterAll(() => cleanup());

  /** Runs, in a Node process of its own, a program that hands `command` (TypeScript) to `exitWith`, as bin.ts hands it `main(…)`. */
  async function exitOf(command: string): Promise<CliResult> {
    const outfile = join(dir, `guard-${Math.random().toString(36).slice(2)}.mjs`);
    await build({
      stdin: { contents: `import { exitWith } from './exit-guard.js';\nexitWith(${command});\n`, resolveDir: CLI, loader: 'ts' },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    });
    return new Promise((resolve) => {
      execFile(process.execPath, [outfile], { encoding: 'utf8' }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  it('is the code the command resolves to', async () => {
    expect(await exitOf('Promise.resolve(3)')).toMatchObject({ code: 3, stderr: '' });
    expect(await exitOf('new Promise<number>((resolve) => setTimeout(() => resolve(0), 20))')).toMatchObject({ code: 0, stderr: '' });
  });

  it('is 1, with a line saying so, when the command is stuck on a promise nothing will settle (Node alone would exit 0, and cron would take it for done)', async () => {
    expect(await exitOf('new Promise<number>(() => undefined)')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'x-sync: internal error: the command stopped before it finished (nothing was left to wait on); please report it\n',
    });
  });
});
