/**
 * Case files compiled to plain JavaScript, so that a case runs on bare `node` as a user's
 * script does. `node --import tsx` registers tsx's module loader, which in Node.js 20 runs on a
 * thread of its own with its own V8 heap: about 35 MiB of RSS in every case (an empty case
 * peaks at 74 MiB with it, 39 MiB without), enough to decide a 100 MiB memory target.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
// Inside bench/node_modules, so that the compiled files resolve the workspace packages as the
// sources do; node_modules is never committed.
const OUT_DIR = join(BENCH_DIR, 'node_modules', '.cache', 'compiled-cases');
/** The folders a case may import from. */
const SOURCE_DIRS = ['cases', 'lib'];

let compiling: Promise<void> | undefined;

/** The compiled JavaScript of a case file (`bench/cases/<name>.ts`), compiled once per run. */
export async function compiledCase(caseFile: string): Promise<string> {
  compiling ??= compileSources();
  await compiling;
  return join(OUT_DIR, relative(BENCH_DIR, caseFile)).replace(/\.ts$/, '.js');
}

async function compileSources(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(join(OUT_DIR, 'package.json'), '{ "type": "module" }\n');
  for (const dir of SOURCE_DIRS) {
    await mkdir(join(OUT_DIR, dir), { recursive: true });
    for (const name of await readdir(join(BENCH_DIR, dir))) {
      if (!name.endsWith('.ts')) continue;
      const source = await readFile(join(BENCH_DIR, dir, name), 'utf8');
      // Type-only imports are marked `import type` (lint enforces it), so a per-file transpile
      // is exact; relative imports already end in `.js`.
      const { outputText } = ts.transpileModule(source, {
        fileName: name,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      });
      await writeFile(join(OUT_DIR, dir, name.replace(/\.ts$/, '.js')), outputText);
    }
  }
}
