/**
 * A whole report logged at `debug` (start, wait, download, and the All Providers Report): the
 * events a developer needs to trace a nightly job, and never a key, a header value, a query
 * string or a cell of the fake visits and provider records.
 */
import { captureLog, textCells } from '@x/testkit';
import { describe, expect, test } from 'vitest';
import { collect, fakeDexCare, FAST_WAIT, SECRET_KEY, useMockServer } from './helpers/index.js';

const server = useMockServer();
const APR_KEY = 'apr_live_SECRET_do_not_leak_4d5e6f';
const PROXY_TOKEN = 'proxy_tok_0a1b2c3d4e';

describe('a report logged at debug', () => {
  test('traces requests, retries, polls, pages and download progress, without keys, headers, queries or any cell', async () => {
    const { lines, logger, printed } = captureLog();
    const { dex, mock } = fakeDexCare(
      server,
      { aprKey: APR_KEY, avr: { serverErrors: 1, visits: { rows: 40 } }, apr: { records: 120 } },
      { aprKey: APR_KEY, logger, logLevel: 'debug', headers: { 'x-proxy-token': PROXY_TOKEN } },
    );
    const rows = await collect(dex.runAvrReport({ type: 'virtual' }, { ...FAST_WAIT, timeoutMs: 10_000 }));
    const records = await dex.providerHistories({ startDate: '2023-01-01', endDate: '2030-01-01', pageSize: 25 }).toArray();
    expect(rows.length).toBeGreaterThan(0);
    expect(records.length).toBeGreaterThan(0);

    const messages = new Set(lines.map((line) => `${line[0] as string} ${line[1] as string}`));
    for (const event of ['request sent', 'response', 'poll status', 'download finished', 'page read']) {
      expect(messages).toContain(`debug [x-dexcare-reporting] ${event}`);
    }
    expect(messages).toContain('info [x-dexcare-reporting] retry scheduled');
    expect(lines.find((line) => line[1] === '[x-dexcare-reporting] download finished')?.[2]).toMatchObject({
      rows: rows.length,
      bytes: new TextEncoder().encode(mock.csv).byteLength,
    });
    expect(lines.find((line) => line[1] === '[x-dexcare-reporting] poll status')?.[2]).toMatchObject({ status: expect.any(String), attempt: 1 });

    const text = printed();
    const cells = new Set([...textCells(mock.visits), ...textCells(mock.providerHistories)]);
    expect(cells.size).toBeGreaterThan(100);
    for (const secret of [SECRET_KEY, APR_KEY, PROXY_TOKEN, 'dc-token', '?']) expect(text).not.toContain(secret);
    for (const cell of cells) expect(text).not.toContain(cell);
  });
});
