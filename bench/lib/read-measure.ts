import { timed, type CaseResult } from './child.js';

/**
 * Times a read that returns how many rows it saw, with the process's CPU time beside the wall
 * time: on a shared machine the wall time also counts waiting for a core, the CPU time does not
 * (it does count zlib's thread pool, which works for the read).
 */
export async function measureRead(bytes: number, read: () => Promise<number>): Promise<CaseResult> {
  const cpuBefore = process.cpuUsage();
  const { ms, value: count } = await timed(read);
  const cpu = process.cpuUsage(cpuBefore);
  return { ms, count, bytes, extra: { cpuMs: (cpu.user + cpu.system) / 1000 } };
}
