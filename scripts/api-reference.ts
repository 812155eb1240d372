/**
 * `pnpm docs:api`: writes the API reference of the packages' public entry points as markdown
 * into docs/api/ (TypeDoc with typedoc-plugin-markdown, configured in typedoc.json). It is
 * committed, so it reads on GitHub and in a packed clone.
 * `pnpm docs:api --check` writes it to a scratch folder instead and exits 1 when docs/api/
 * differs from it (CI runs it, so the reference cannot go stale).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = join(root, 'docs', 'api');
const check = process.argv.includes('--check');

function typedoc(out: string): void {
  execFileSync(join(root, 'node_modules', '.bin', 'typedoc'), ['--out', out], { cwd: root, stdio: 'inherit' });
}

/** Every file under `dir`, by path relative to it, with its text. */
function files(dir: string): Map<string, string> {
  if (!existsSync(dir)) return new Map();
  const paths = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.md'));
  return new Map(paths.sort().map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

if (!check) {
  rmSync(committed, { recursive: true, force: true });
  typedoc(committed);
} else {
  const scratch = mkdtempSync(join(tmpdir(), 'x-sdk-api-'));
  try {
    typedoc(scratch);
    const wanted = files(scratch);
    const current = files(committed);
    const stale = [...new Set([...wanted.keys(), ...current.keys()])].filter((path) => wanted.get(path) !== current.get(path));
    if (stale.length > 0) {
      console.error(`docs/api/ is out of date (${stale.slice(0, 10).join(', ')}${stale.length > 10 ? ', …' : ''}): run \`pnpm docs:api\` and commit the result.`);
      process.exit(1);
    }
    console.log('docs/api/: up to date');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
