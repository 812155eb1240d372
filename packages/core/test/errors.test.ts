import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import * as errors from '../src/errors.js';
import { parseRetryAfter } from '../src/response-details.js';

// A second, separate instance of the module (vite keys modules by URL, query included), as when
// an app loads both the ESM and the CJS build of the package.
const secondCopy = '../src/errors.js?copy';
const copy = (await import(/* @vite-ignore */ secondCopy)) as typeof errors;

const API_INIT = { status: 404, body: { error: 'QueryExecution Not Found' }, method: 'GET', url: 'https://x.test/api/8/r/1' };

describe('error classes', () => {
  test('every class sets its name and extends SdkError', () => {
    const instances = [
      new errors.ApiError({ ...API_INIT, status: 500 }),
      new errors.AuthenticationError({ ...API_INIT, status: 401 }),
      new errors.NotFoundError(API_INIT),
      new errors.RateLimitError({ ...API_INIT, status: 429 }),
      new errors.ConnectionError('down'),
      new errors.TimeoutError('slow', { timeoutMs: 1 }),
      new errors.InvalidParamsError('bad', { param: 'startDate' }),
      new errors.DataValidationError({ source: 'messages', record: 3, field: 'deleted' }),
      new errors.ExportFormatError('not a zip'),
      new errors.PollTimeoutError('late', { lastStatus: 'RUNNING', timeoutMs: 5 }),
      new errors.ReportFailedError('failed', { status: 'FAILED' }),
    ];
    for (const error of instances) {
      expect(error.name).toBe(error.constructor.name);
      expect(error).toBeInstanceOf(errors.SdkError);
      expect(error).toBeInstanceOf(Error);
    }
  });

  test('instanceof works across two copies of the package, by class', () => {
    expect(copy.NotFoundError).not.toBe(errors.NotFoundError);
    const foreign = new copy.NotFoundError(API_INIT);
    expect(foreign).toBeInstanceOf(errors.NotFoundError);
    expect(foreign).toBeInstanceOf(errors.ApiError);
    expect(foreign).toBeInstanceOf(errors.SdkError);
    expect(foreign).not.toBeInstanceOf(errors.RateLimitError);
    expect(new copy.TimeoutError('x', { timeoutMs: 1 })).toBeInstanceOf(errors.ConnectionError);
    expect(new Error('plain')).not.toBeInstanceOf(errors.SdkError);
    expect(errors.isSdkError(foreign, errors.ApiError)).toBe(true);
  });

  test('fromStatus picks the class by status', () => {
    expect(errors.ApiError.fromStatus({ ...API_INIT, status: 401 })).toBeInstanceOf(errors.AuthenticationError);
    expect(errors.ApiError.fromStatus({ ...API_INIT, status: 403 })).toBeInstanceOf(errors.AuthenticationError);
    expect(errors.ApiError.fromStatus(API_INIT)).toBeInstanceOf(errors.NotFoundError);
    expect(errors.ApiError.fromStatus({ ...API_INIT, status: 429 })).toBeInstanceOf(errors.RateLimitError);
    const other = errors.ApiError.fromStatus({ ...API_INIT, status: 418 });
    expect(other.constructor).toBe(errors.ApiError);
  });

  test('keeps the cause', () => {
    const cause = new Error('socket hang up');
    expect(new errors.ConnectionError('down', { cause }).cause).toBe(cause);
  });

  test('a DataValidationError names where, not what', () => {
    const patient = 'Jane Doe, 1970-01-01';
    const error = new errors.DataValidationError(
      { source: 'measurements', page: 2, index: 7, field: 'Measurement_Date' },
      { reason: 'expected a date-time', value: patient, row: { First_Name: patient } },
    );
    expect(error.message).toBe('Invalid measurements page 2 row 7, field "Measurement_Date": expected a date-time');
    expect(error.value).toBe(patient);
    expect(error.row).toEqual({ First_Name: patient });
    expect(inspect(error, { depth: 10 })).not.toContain(patient);
    expect(JSON.stringify(error)).not.toContain(patient);
  });

  test('parseRetryAfter reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
