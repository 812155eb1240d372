import { describe, expect, it } from 'vitest';
import { SdkError } from '../src/index.js';
import { caught, clientFor, rowsUntilFailure, useFake, useMockServer } from './helpers/index.js';

const server = useMockServer();
const MAY = { startDate: '2024-05-01', endDate: '2024-05-31' };

/** What identifies a measurement row in these tests: its patient, time and value. */
const identity = (row: { Patient_UUID: unknown; Measurement_Date: unknown; Measurement_Value: unknown }) =>
  `${String(row.Patient_UUID)} ${String(row.Measurement_Date)} ${String(row.Measurement_Value)}`;

describe('pages', () => {
  it('are { data, nextCursor, prevCursor, perPage }, 50 rows each, with opaque cursors', async () => {
    const api = useFake(server);
    const pages = [];
    for await (const page of clientFor(api).export('measurements', MAY).pages()) pages.push(page);

    const expected = api.rowsFor('measurements', MAY);
    expect(expected.length).toBeGreaterThan(100);
    expect(pages).toHaveLength(Math.ceil(expected.length / 50));
    expect(pages.every((page) => page.perPage === 50)).toBe(true);
    expect(pages.slice(0, -1).every((page) => page.data.length === 50 && page.nextCursor?.startsWith('eyJ'))).toBe(true);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(pages[0]!.prevCursor).toBeNull();
    expect(pages.slice(1).every((page) => page.prevCursor?.startsWith('eyJ'))).toBe(true);
    expect(pages.flatMap((page) => page.data).map(identity)).toEqual(expected.map(identity));
  });

  it('end on a null cursor, not on an empty page', async () => {
    const api = useFake(server, { faults: [{ fault: 'emptyPage', reportType: 'measurements', page: 2 }] });
    const pages = [];
    for await (const page of clientFor(api).export('measurements', MAY).pages()) pages.push(page);
    expect(pages.map((page) => page.data.length)).toContain(0);
    expect(pages.flatMap((page) => page.data).map(identity)).toEqual(api.rowsFor('measurements', MAY).map(identity));
    expect(api.requests.filter((request) => request.fault === 'emptyPage')).toHaveLength(1);
  });

  it('yield an empty export as one empty page', async () => {
    const api = useFake(server);
    const pages = [];
    for await (const page of clientFor(api).export('alerts', { startDate: '2023-01-01', endDate: '2023-01-31' }).pages()) pages.push(page);
    expect(pages).toEqual([{ data: [], nextCursor: null, prevCursor: null, perPage: 50 }]);
  });

  it('stop with an SdkError when the server repeats a cursor, instead of looping', async () => {
    const api = useFake(server, { faults: [{ fault: 'repeatCursor', page: 3, times: Infinity }] });
    const { read: seen, error } = await rowsUntilFailure(clientFor(api).export('measurements', MAY));
    expect(error).toBeInstanceOf(SdkError);
    expect((error as Error).message).toContain('already sent');
    // Pages 1 and 2 were delivered; page 3 came back pointing at itself and was not followed.
    expect(seen).toHaveLength(100);
    expect(api.requests).toHaveLength(3);
  });
});

describe('backpressure', () => {
  it('keeps at most one page ahead of the consumer, however long the export', async () => {
    const api = useFake(server, { rows: { measurements: 600 } });
    const rows = clientFor(api).export('measurements', { startDate: '2024-05-01', endDate: '2024-06-30' })[Symbol.asyncIterator]();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    await rows.next();
    await settle();
    expect(api.requests).toHaveLength(2);
    for (let i = 1; i < 51; i++) await rows.next();
    await settle();
    expect(api.requests).toHaveLength(3);
    await rows.return(undefined);
  });
});

describe('resume', () => {
  it('from the nextCursor of the last finished page yields exactly the rest, on a new client', async () => {
    const api = useFake(server, { rows: { measurements: 400 } });
    const expected = api.rowsFor('measurements', MAY).map(identity);
    const done: string[] = [];
    let saved: string | null = null;
    for await (const page of clientFor(api).export('measurements', MAY).pages()) {
      done.push(...page.data.map(identity));
      saved = page.nextCursor;
      if (done.length >= 100) break;
    }
    expect(saved).not.toBeNull();

    const rest = await clientFor(api).export('measurements', { ...MAY, cursor: saved! }).toArray();
    expect([...done, ...rest.map(identity)]).toEqual(expected);
    expect(rest.length).toBe(expected.length - 100);
  });

  it('from a prevCursor goes back one page', async () => {
    const api = useFake(server, { rows: { patients: 130 } });
    const pages = [];
    for await (const page of clientFor(api).export('patients').pages()) pages.push(page);
    const back = [];
    for await (const page of clientFor(api).export('patients', { cursor: pages[2]!.prevCursor! }).pages()) back.push(page);
    expect(back[0]!.data).toEqual(pages[1]!.data);
    expect(back.flatMap((page) => page.data)).toEqual([...pages[1]!.data, ...pages[2]!.data]);
  });

  it('sends the dates again with the cursor on every page', async () => {
    const api = useFake(server, { rows: { alerts: 300 } });
    const first = await clientFor(api).export('alerts', MAY).pages().next();
    api.requests.length = 0;
    await clientFor(api).export('alerts', { ...MAY, cursor: first.value!.nextCursor! }).toArray();
    expect(api.requests.length).toBeGreaterThan(0);
    expect(api.requests.every((request) => request.startDate === MAY.startDate && request.endDate === MAY.endDate && request.cursor !== null)).toBe(true);
  });
});

describe('stopping early', () => {
  it('break stops the export: no page after the one prefetched is asked for', async () => {
    const api = useFake(server, { rows: { measurements: 600 } });
    const starts: string[] = [];
    server.events.on('request:start', ({ request }) => void starts.push(request.url));
    let count = 0;
    for await (const _row of clientFor(api).export('measurements', { startDate: '2024-05-01', endDate: '2024-06-30' })) {
      if (++count === 10) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.events.removeAllListeners();
    // Page 1, and page 2 that was prefetched while page 1 was read: never page 3 of 12.
    expect(starts).toHaveLength(2);
  });

  it('an aborted signal rejects with its reason and sends nothing more', async () => {
    const api = useFake(server, { rows: { measurements: 600 } });
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    let count = 0;
    const error = await caught(
      (async () => {
        for await (const _row of clientFor(api).export('measurements', { startDate: '2024-05-01', endDate: '2024-06-30', signal: controller.signal })) {
          if (++count === 60) controller.abort(reason);
        }
      })(),
    );
    expect(error).toBe(reason);
    const sent = api.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.requests.length).toBe(sent);
    expect(sent).toBeLessThanOrEqual(3);
  });

  it('a signal aborted before the loop sends no request', async () => {
    const api = useFake(server);
    const error = await caught(clientFor(api).export('patients', { signal: AbortSignal.abort() }).toArray());
    expect((error).name).toBe('AbortError');
    expect(api.requests).toEqual([]);
  });

  it('toArray refuses to build more than maxItems rows', async () => {
    const api = useFake(server);
    const error = await caught(clientFor(api).export('measurements', MAY).toArray({ maxItems: 60 }));
    expect(error).toBeInstanceOf(SdkError);
    expect((error).message).toContain('maxItems (60)');
  });
});
