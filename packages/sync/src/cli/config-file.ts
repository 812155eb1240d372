import { readFile } from 'node:fs/promises';
import { decodeWhole } from '@x/core/internal';
import { z } from 'zod';
import { SyncConfigError } from '../errors/sync-errors.js';
import { DAY, SOURCE_SETTINGS } from '../sources/source-settings.js';

/**
 * The optional JSON config: streams, start dates, window sizes, look-backs, AVR types and keys.
 * No secrets (they come only from the environment); an unknown key is refused. The sources'
 * settings are checked as `sync()` checks them from code ({@link SOURCE_SETTINGS}).
 */
export const SyncConfigFile = z.strictObject({
  db: z.string().optional(),
  since: DAY.optional(),
  streams: z.array(z.string()).optional(),
  luscii: z.strictObject(SOURCE_SETTINGS.luscii.shape).optional(),
  dexcare: z.strictObject(SOURCE_SETTINGS.dexcare.shape).optional(),
  spruce: z.strictObject(SOURCE_SETTINGS.spruce.shape).optional(),
});
export type SyncConfigFile = z.infer<typeof SyncConfigFile>;

/** Reads and checks a config file; any problem is a {@link SyncConfigError} naming the key, never a value. */
export async function readConfigFile(path: string): Promise<SyncConfigFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new SyncConfigError(`--config ${path}: cannot read the file`);
  }
  let text: string;
  try {
    text = decodeWhole(bytes);
  } catch {
    throw new SyncConfigError(`--config ${path}: not UTF-8 or UTF-16 text (save it as UTF-8)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyncConfigError(`--config ${path}: not valid JSON`);
  }
  const parsed = SyncConfigFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const at = issue.path.join('.') || '(top level)';
      if (issue.code === 'unrecognized_keys') return `unknown key ${issue.keys.map((key) => (at === '(top level)' ? key : `${at}.${key}`)).join(', ')}`;
      return `${at}: ${issue.message}`;
    });
    throw new SyncConfigError(`--config ${path}: ${problems.join('; ')}; nothing was run`);
  }
  return parsed.data;
}
