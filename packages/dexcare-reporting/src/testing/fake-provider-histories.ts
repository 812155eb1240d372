import { fakeGuid } from './fake-ids.js';

/**
 * A fake provider history record: the fields the DexCare document names, plus `createdAt`
 * (invented: the fake filters the date range on it; the real field list is in DexCare's PDF).
 */
export type FakeProviderHistory = {
  id: string;
  action: string;
  visitId: string;
  providerId: string;
  providerEmailAddress: string;
  providerName: string;
  providerFirstName: string;
  providerLastName: string;
  providerCredentials: string;
  actorId: string;
  actorEmail: string;
  actorFirstName: string;
  actorLastName: string;
  createdAt: string;
};

/** The search terms the fake applies: the request body, less `limit` and `offset`. */
export type FakeProviderHistorySearch = Record<string, unknown> & { startDate: string; endDate: string };

const ACTIONS = ['assigned', 'accepted', 'reassigned', 'completed'];
const PROVIDERS = [
  { first: 'Jenny', last: 'Generic', credentials: 'MD' },
  { first: 'Placebo', last: 'Person', credentials: 'MD DO' },
  { first: 'Testa', last: 'Fakeworth', credentials: 'NP' },
  { first: 'Mock', last: 'Placeholder', credentials: 'DO' },
  { first: 'Dummy', last: 'Doctorson', credentials: 'md' },
];
const ACTORS = [
  { first: 'Simon', last: 'Standard' },
  { first: 'Ada', last: 'Adminfake' },
];
const FIRST_EVENT = Date.UTC(2023, 10, 6, 7, 0, 0);

/**
 * Builds `count` deterministic provider history records, one every 37 minutes from
 * 2023-11-06T07:00Z, spread over five obviously fake providers (credentials `MD`, `MD DO`,
 * `NP`, `DO` and a lower-case `md`) and two fake actors.
 *
 * @example
 * ```ts
 * const records = fakeProviderHistories(120);
 * ```
 */
export function fakeProviderHistories(count: number): FakeProviderHistory[] {
  return Array.from({ length: count }, (_, i) => {
    const provider = PROVIDERS[i % PROVIDERS.length]!;
    const providerNumber = (i % PROVIDERS.length) + 1;
    const actor = ACTORS[i % ACTORS.length]!;
    return {
      id: fakeGuid(2, i + 1),
      action: ACTIONS[i % ACTIONS.length]!,
      visitId: fakeGuid(1, Math.floor(i / 2) + 1),
      providerId: fakeGuid(3, providerNumber),
      providerEmailAddress: `fake.provider.${providerNumber}@example.invalid`,
      providerName: `${provider.first} ${provider.last}`,
      providerFirstName: provider.first,
      providerLastName: provider.last,
      providerCredentials: provider.credentials,
      actorId: fakeGuid(4, (i % ACTORS.length) + 1),
      actorEmail: `fake.actor.${(i % ACTORS.length) + 1}@example.invalid`,
      actorFirstName: actor.first,
      actorLastName: actor.last,
      createdAt: new Date(FIRST_EVENT + i * 37 * 60_000).toISOString(),
    };
  });
}

/**
 * Whether a record matches a search as DexCare describes it: inside the date range, and every
 * term a case-insensitive exact match, except `providerCredentials`, which matches values that
 * contain it (case-insensitive here too). Terms combine with AND.
 */
export function matchesProviderHistorySearch(record: Readonly<Record<string, unknown>>, search: FakeProviderHistorySearch): boolean {
  const at = Date.parse(String(record.createdAt));
  if (!Number.isNaN(at) && (at < Date.parse(search.startDate) || at > Date.parse(search.endDate))) return false;
  return Object.entries(search).every(([field, wanted]) => {
    if (field === 'startDate' || field === 'endDate' || wanted === undefined) return true;
    const actual = String(record[field] ?? '').toLowerCase();
    const term = String(wanted).toLowerCase();
    return field === 'providerCredentials' ? actual.includes(term) : actual === term;
  });
}
