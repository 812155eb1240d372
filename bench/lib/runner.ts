import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildOutput } from './child.js';

const TSX = fileURLToPath(import.meta.resolve('tsx'));

/** Runs one case of a case file in a fresh Node process and returns what it measured. */
export function runCase(file: string, name: string, args: Record<string, string | number> = {}): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    // A compiled case (see compiled-case.ts) runs without tsx, whose loader thread would count in its RSS.
    const loader = file.endsWith('.ts') ? ['--import', TSX] : [];
    const child = spawn(process.execPath, [...loader, '--expose-gc', file, name, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new Error(`${name} exited with ${code}: ${stdout.slice(-500)}`));
      else resolve(JSON.parse(last) as ChildOutput);
    });
  });
}

/**
 * Runs each case `rounds` times, alternating (A B A B …) so that drift in the machine's load
 * falls on every case alike.
 */
export async function alternate(
  file: string,
  names: string[],
  rounds: number,
  args: Record<string, string | number> = {},
): Promise<Record<string, ChildOutput[]>> {
  const samples: Record<string, ChildOutput[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      samples[name]!.push(await runCase(file, name, args));
    }
  }
  return samples;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function medianOf(samples: ChildOutput[], pick: (sample: ChildOutput) => number): number {
  return median(samples.map(pick));
}
