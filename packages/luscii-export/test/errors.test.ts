import { http, HttpResponse } from 'msw';
import { everyView } from '@x/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, AuthenticationError, DataValidationError, NotFoundError } from '../src/index.js';
import { caught, clientFor, rowsUntilFailure, SECRET_KEY, useFake, useMockServer } from './helpers/index.js';

const server = useMockServer();
const MAY = { startDate: '2024-05-01', endDate: '2024-05-31' };

describe('error statuses', () => {
  it('401 from a wrong key is an AuthenticationError with the body’s message, sent once', async () => {
    const api = useFake(server);
    const error = await caught(clientFor(api, { apiKey: 'lsc_live_wrong_key' }).export('patients').toArray());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, errors: [{ code: 'unauthenticated', message: 'Unauthenticated.' }] });
    expect((error).message).toBe('401 Unauthenticated. (POST /v1/export/patients)');
    expect((error).message).not.toContain('lsc_live_wrong_key');
    expect(api.requests).toHaveLength(1);
  });

  it('401 mid-export (a key revoked) ends the export after the pages already delivered', async () => {
    const api = useFake(server, { faults: [{ fault: 'unauthorized', page: 2, times: Infinity }] });
    const { read: seen, error } = await rowsUntilFailure(clientFor(api).export('measurements', MAY));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(seen).toHaveLength(50);
  });

  it('404 is a NotFoundError', async () => {
    const api = useFake(server);
    server.use(
      http.post(`${api.baseUrl}/v1/export/hcps`, () =>
        HttpResponse.json({ errors: [{ code: 'not_found', message: 'Export not available for this organisation.', attribute: null }] }, { status: 404 }),
      ),
    );
    const error = await caught(clientFor(api).export('hcps').toArray());
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error).message).toBe('404 Export not available for this organisation. (POST /v1/export/hcps)');
  });

  it('422 with errors[] puts code, message and attribute on the ApiError', async () => {
    const api = useFake(server);
    const error = await caught(clientFor(api).export('measurements', { ...MAY, cursor: 'not-a-cursor' }).toArray());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: 'invalid',
      errors: [{ code: 'invalid', message: 'The cursor is invalid.', attribute: 'cursor' }],
    });
    expect((error).message).toBe('422 The cursor is invalid. (cursor) (POST /v1/export/measurements)');
    expect(api.requests).toHaveLength(1);
  });

  it('422 listing several problems names them all', async () => {
    const api = useFake(server);
    server.use(
      http.post(`${api.baseUrl}/v1/export/alerts`, () =>
        HttpResponse.json(
          {
            data: [],
            errors: [
              { code: 'date_format', message: 'The startDate field must match the format Y-m-d.', attribute: 'startDate' },
              { code: 'max_range', message: 'The range may not exceed 31 days.', attribute: 'endDate' },
            ],
          },
          { status: 422 },
        ),
      ),
    );
    const error = (await caught(clientFor(api).export('alerts', MAY).toArray())) as ApiError;
    expect(error.errors.map((detail) => detail.attribute)).toEqual(['startDate', 'endDate']);
    expect(error.message).toBe(
      '422 The startDate field must match the format Y-m-d. (startDate); The range may not exceed 31 days. (endDate) (POST /v1/export/alerts)',
    );
  });
});

describe('bodies that are not the documented envelope', () => {
  it('HTML on a 200 is an ApiError, not a SyntaxError', async () => {
    const api = useFake(server, { faults: [{ fault: 'html', page: 2 }] });
    const error = await caught(clientFor(api).export('measurements', MAY).toArray());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, method: 'POST' });
    // The request's own URL: the page that failed is the second, so its cursor is in the query.
    const url = new URL((error as ApiError).url);
    expect([url.origin + url.pathname, url.searchParams.get('startDate'), url.searchParams.has('cursor')]).toEqual([
      'https://api.luscii.com/v1/export/measurements',
      '2024-05-01',
      true,
    ]);
    expect((error).message).toBe('200 expected a JSON body, received text/html (POST /v1/export/measurements)');
  });

  it('a 200 whose errors[] is not empty is an ApiError, and its rows are not delivered', async () => {
    const api = useFake(server, { faults: [{ fault: 'errorsInBody', page: 2 }] });
    const { read: seen, error } = await rowsUntilFailure(clientFor(api).export('measurements', MAY));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, code: 'export_incomplete' });
    expect((error as Error).message).toBe('200 The export could not be completed. (POST /v1/export/measurements)');
    expect(seen).toHaveLength(50);
  });

  it('a 200 whose errors[] is not empty keeps its errors and meta on the ApiError, never its rows (patient data)', async () => {
    const api = useFake(server);
    const errors = [{ code: 'export_incomplete', message: 'The export could not be completed.' }];
    const meta = { perPage: 50, nextCursor: null, prevCursor: null };
    const row = { Patient_UUID: '6d1f0d7e-1111-4c1c-9c2f-000000000001', First_Name: 'Johanna', Last_Name: 'Patientvalue' };
    server.use(http.post(`${api.baseUrl}/v1/export/patients`, () => HttpResponse.json({ data: [row], meta, errors })));
    const error = await caught(clientFor(api).export('patients').toArray());
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body).toEqual({ errors, meta });
    const printed = everyView(error);
    for (const value of Object.values(row)) expect(printed).not.toContain(value);
  });

  it('a 200 with an empty or null errors[] is a normal page', async () => {
    const api = useFake(server);
    for (const errors of [[], null]) {
      server.use(
        http.post(`${api.baseUrl}/v1/export/hcps`, () =>
          HttpResponse.json({ data: [], meta: { perPage: 50, nextCursor: null, prevCursor: null, nextPageUrl: null, prevPageUrl: null }, errors }),
        ),
      );
      await expect(clientFor(api).export('hcps').toArray()).resolves.toEqual([]);
    }
  });

  it('a page without nextCursor is a DataValidationError naming report, page and field, never the end', async () => {
    const api = useFake(server, { faults: [{ fault: 'malformedEnvelope', page: 2 }] });
    const error = await caught(clientFor(api).export('measurements', MAY).toArray());
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'measurements', page: 2, field: 'meta.nextCursor', index: undefined });
    expect((error).message).toBe('Invalid measurements page 2, field "meta.nextCursor": expected a cursor or null');
  });

  it.each([
    ['a list', []],
    ['data that is not a list', { data: { rows: [] }, meta: { perPage: 50, nextCursor: null, prevCursor: null } }],
    ['no meta', { data: [] }],
  ])('%s is a DataValidationError for page 1', async (_case, body) => {
    const api = useFake(server);
    server.use(http.post(`${api.baseUrl}/v1/export/patients`, () => HttpResponse.json(body)));
    const error = await caught(clientFor(api).export('patients').toArray());
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'patients', page: 1 });
  });

  it('no error message or serialised error carries the key', async () => {
    const api = useFake(server, { faults: [{ fault: 'serverError', times: Infinity }] });
    const errors = [
      await caught(clientFor(api, { maxRetries: 0 }).export('hcps').toArray()),
      await caught(clientFor(api, { apiKey: `${SECRET_KEY}x` }).export('hcps').toArray()),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(ApiError);
      const dump = `${String(error)} ${(error).stack} ${JSON.stringify(error)} ${JSON.stringify((error as ApiError).headers)}`;
      expect(dump).not.toContain(SECRET_KEY);
    }
  });
});
