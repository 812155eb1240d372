/**
 * What `@x/core` gives the clients: typed CSV rows streamed with backpressure, and paged
 * iterables with prefetch. Run: `pnpm demo` (or `tsx --conditions=@x/source examples/core-tour.ts`).
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { csvRows, paginateByCursor, values } from '@x/core';

const Visit = z.looseObject({ visit_id: values.string(), started_at: values.timestamp(), minutes: values.number().nullable() });

export async function main(): Promise<void> {
  const csv = 'visit_id,started_at,minutes,clinic\nv1,2024-05-02T14:46:11Z,12,"North, Main St"\nv2,2024-05-03T09:00:00+02:00,,South\n';
  for await (const row of csvRows(new Blob([csv]).stream(), { source: 'visits', schema: Visit })) {
    console.log(`${row.visit_id}: ${row.started_at.toISOString()} (${row.minutes ?? 'no'} minutes) at ${String(row.clinic)}`);
  }
  const pages = [['a', 'b'], ['c'], ['d', 'e']];
  const letters = paginateByCursor<string, { data: string[]; nextCursor: string | null }>({
    fetchPage: async ({ cursor }) => {
      const index = Number(cursor ?? 0);
      return { data: pages[index]!, nextCursor: index + 1 < pages.length ? String(index + 1) : null };
    },
  });
  for await (const page of letters.pages()) console.log(`page of ${page.data.length}, next cursor ${page.nextCursor ?? 'none'}`);
}

export const demo = main;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
