import { describe, expect, test } from 'vitest';
import { openSpruceExport } from '../src/index.js';
import { buildSpruceExportZip, fakeSpruceExport } from '../src/testing.js';
import { INFLATERS, collect, instrumentedBlob, message, useInflater } from './helpers/index.js';

const zip = buildSpruceExportZip({ messages: Array.from({ length: 20_000 }, (_, i) => message(i, { message_body: `body ${i} `.repeat(20) })) }, { compression: 'store' });

describe.each(INFLATERS)('streaming, inflated with %s', (inflater) => {
  useInflater(inflater);

  test.each(['store', 'deflate'] as const)('bytes are read as rows are consumed (backpressure, %s)', async (compression) => {
    const bytes = compression === 'store' ? zip : buildSpruceExportZip(fakeSpruceExport({ messages: 20_000 }), { level: 1 });
    const { blob, activity } = instrumentedBlob(bytes);
    const exp = await openSpruceExport(blob);
    const afterOpen = activity.bytesStreamed;
    const iterator = exp.rows('messages')[Symbol.asyncIterator]();
    await iterator.next();
    const afterOneRow = activity.bytesStreamed - afterOpen;
    expect(afterOneRow).toBeGreaterThan(0);
    expect(afterOneRow).toBeLessThan(bytes.length / 4);
    await iterator.return();
  });

  test('leaving a loop early cancels the read of the file', async () => {
    const { blob, activity } = instrumentedBlob(zip);
    const exp = await openSpruceExport(blob);
    const opened = activity.streamsOpened;
    let seen = 0;
    for await (const _row of exp.rows('messages')) if (++seen === 10) break;
    expect(activity.streamsOpened).toBe(opened + 1);
    expect(activity.streamsCancelled).toBe(1);
    expect(activity.streamsFinished).toBe(opened);
  });

  test('a throw inside the loop also cancels the read', async () => {
    const { blob, activity } = instrumentedBlob(buildSpruceExportZip(fakeSpruceExport({ messages: 5_000 })));
    const exp = await openSpruceExport(blob);
    await expect(async () => {
      for await (const _row of exp.rows('messages')) throw new Error('the caller gave up');
    }).rejects.toThrow('the caller gave up');
    expect(activity.streamsCancelled).toBe(1);
  });

  test('tables read in any order, one table read twice, and two reads at once give the same rows', async () => {
    const exp = await openSpruceExport(buildSpruceExportZip(fakeSpruceExport({ messages: 3_000, seed: 3 })));
    const tables = [...exp.tables].reverse();
    const first = await Promise.all(tables.map((table) => collect(exp.rows(table))));
    const [again, concurrent] = await Promise.all([collect(exp.rows('messages')), collect(exp.rows('messages'))]);
    expect(again).toEqual(first[tables.indexOf('messages')]);
    expect(concurrent).toEqual(again);
    expect(again).toHaveLength(3_000);
  });

  test('an aborted signal stops the read with its reason', async () => {
    const exp = await openSpruceExport(zip);
    const controller = new AbortController();
    let seen = 0;
    const reason = new Error('shutting down');
    await expect(async () => {
      for await (const _row of exp.rows('messages', { signal: controller.signal })) if (++seen === 100) controller.abort(reason);
    }).rejects.toBe(reason);
    expect(seen).toBeLessThan(20_000);
    await expect(collect(exp.rows('messages', { signal: AbortSignal.abort(reason) }))).rejects.toBe(reason);
  });
});
