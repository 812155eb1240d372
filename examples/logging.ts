/**
 * What the SDK does, as it does it: a Luscii export logged at `debug` to the console, with a
 * retry on the way, and each page's status and request id. Runs on the built-in fake (no
 * network, no key):
 *   npx tsx --conditions=@x/source examples/logging.ts
 * The same lines without changing code: `X_SDK_LOG=debug node your-job.js`.
 */
import { setupServer } from 'msw/node';
import { LusciiClient, type Logger } from '@x/luscii-export';
import { lusciiHandlers } from '@x/luscii-export/testing';

// The fake answers the second page with a 503 once, so a retry shows in the log.
const fake = lusciiHandlers({ rows: { hcps: 120 }, faults: [{ fault: 'serverError', status: 503, page: 2 }] });
const server = setupServer(...fake.handlers);
server.listen({ onUnhandledRequest: 'error' });

// Any object with debug/info/warn/error will do: console (the default), pino, winston.
const logger: Logger = console;
const luscii = new LusciiClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, logger, logLevel: 'debug' });

try {
  for await (const page of luscii.export('hcps').pages()) {
    console.log(`${page.data.length} rows; HTTP ${page.response.status}, request id ${page.response.requestId ?? 'none'}`);
  }
} finally {
  server.close();
}
