/**
 * A whole export logged at `debug`: the events a developer needs to trace a nightly job, and
 * never the key, a header value, a query string or a cell of the fake organisation's data.
 */
import { captureLog, textCells } from '@x/testkit';
import { describe, expect, it } from 'vitest';
import { LUSCII_REPORT_TYPES } from '../src/index.js';
import { clientFor, SECRET_KEY, useFake, useMockServer, wholePeriod } from './helpers/index.js';

const server = useMockServer();
const PROXY_TOKEN = 'proxy_tok_5e6f7a8b9c';

describe('an export logged at debug', () => {
  it('traces requests, responses, retries and pages, without the key, headers, queries or any cell', async () => {
    const api = useFake(server, { rows: { measurements: 120 }, faults: [{ fault: 'serverError', status: 503, page: 2 }] });
    const { lines, logger, printed } = captureLog();
    const luscii = clientFor(api, { logger, logLevel: 'debug', headers: { 'x-proxy-token': PROXY_TOKEN } });
    let cells = new Set<string>();
    for (const reportType of LUSCII_REPORT_TYPES) {
      const dates = wholePeriod(reportType, api);
      await luscii.export(reportType, dates as never).toArray();
      cells = new Set([...cells, ...textCells(api.rowsFor(reportType, dates))]);
    }
    const messages = new Set(lines.map((line) => `${line[0] as string} ${line[1] as string}`));
    for (const event of ['request sent', 'response', 'page read']) expect(messages).toContain(`debug [x-luscii-export] ${event}`);
    expect(messages).toContain('info [x-luscii-export] retry scheduled');
    expect(lines.find((line) => line[1] === '[x-luscii-export] page read')?.[2]).toEqual({ page: 1, rows: expect.any(Number) });
    expect(lines.find((line) => line[1] === '[x-luscii-export] retry scheduled')?.[2]).toMatchObject({ reason: 'status 503', delayMs: expect.any(Number) });

    const text = printed();
    expect(cells.size).toBeGreaterThan(100);
    for (const secret of [SECRET_KEY, PROXY_TOKEN, 'Bearer', 'cursor=', 'startDate=', '?']) expect(text).not.toContain(secret);
    for (const cell of cells) expect(text).not.toContain(cell);
  });

  it('writes nothing at the default level when all goes well', async () => {
    const api = useFake(server);
    const { lines, logger } = captureLog();
    await clientFor(api, { logger }).export('hcps').toArray();
    expect(lines).toEqual([]);
  });
});
