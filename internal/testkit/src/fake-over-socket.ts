import type { RequestHandler } from 'msw';
import { startFaultServer, type FaultPlan, type FaultServer } from './fault-server.js';

/** Backoff in milliseconds, so that retries over a socket cost a suite nothing. */
export const FAST_BACKOFF = { initialDelayMs: 1, maxDelayMs: 5 } as const;

/** What every package's socket harness takes besides its own fake and client options. */
export interface OverSocketOptions {
  /** The faults to inject, by request. */
  plan?: FaultPlan | undefined;
  /** Handlers that answer before the fake, so a test can answer some requests itself. */
  extra?: ((baseUrl: string) => RequestHandler[]) | undefined;
}

/** A package's fake (anything that carries msw `handlers`) served on a loopback socket. */
export interface FakeOverSocket<F> {
  server: FaultServer;
  fake: F;
}

/**
 * A package's fake API on a loopback socket behind {@link startFaultServer}: `fakeAt` builds the
 * fake for the server's base URL (`lusciiHandlers`, `dexCareHandlers`), `options.extra` handlers
 * come first. Each package wraps it with its client, so the harness is written once.
 *
 * @example
 * ```ts
 * const { server, fake } = await fakeApiOverSocket((baseUrl) => dexCareHandlers({ baseUrl }), { plan });
 * const dex = new DexCareReportingClient({ baseUrl: server.baseUrl, serviceKey: fake.serviceKey, backoff: FAST_BACKOFF });
 * ```
 */
export async function fakeApiOverSocket<F extends { handlers: RequestHandler[] }>(
  fakeAt: (baseUrl: string) => F,
  options: OverSocketOptions = {},
): Promise<FakeOverSocket<F>> {
  let fake: F | undefined;
  const server = await startFaultServer((baseUrl) => {
    fake = fakeAt(baseUrl);
    return [...(options.extra?.(baseUrl) ?? []), ...fake.handlers];
  }, options.plan);
  return { server, fake: fake! };
}
