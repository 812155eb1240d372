import type { FaultPlan } from './fault-server.js';

/** A request as the server saw it arrive, described by the suite, with when (`performance.now()`). */
export type Arrival<A> = A & { at: number };

/** What {@link recordArrivals} returns: the plan to serve with, and the arrivals as they come. */
export interface Arrivals<A> {
  /** The plan to pass to `startFaultServer`: the given one, noting each arrival first. */
  plan: FaultPlan;
  /** Every request so far, in order of arrival. */
  arrivals: Arrival<A>[];
  /** Resolves with the first request `match` accepts, at once if it has already arrived. */
  arrival(match: (arrival: A) => boolean): Promise<Arrival<A>>;
}

/**
 * Wraps a fault plan so a test can see requests arrive, and await one instead of polling for it.
 *
 * @example
 * ```ts
 * const { plan, arrival } = recordArrivals(faultWhen(isData, stall), (request) => ({ url: request.url }));
 * await arrival(({ url }) => url.endsWith('/data'));
 * ```
 */
export function recordArrivals<A>(plan: FaultPlan | undefined, describe: (request: Request) => A): Arrivals<A> {
  const arrivals: Arrival<A>[] = [];
  const waiting: { match: (arrival: A) => boolean; resolve: (arrival: Arrival<A>) => void }[] = [];
  return {
    arrivals,
    plan: (request, index) => {
      const arrival = { ...describe(request), at: performance.now() };
      arrivals.push(arrival);
      for (const waiter of waiting.filter(({ match }) => match(arrival))) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(arrival);
      }
      return plan?.(request, index);
    },
    arrival: (match) => {
      const seen = arrivals.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiting.push({ match, resolve }));
    },
  };
}
