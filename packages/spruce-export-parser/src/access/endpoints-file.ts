import { z } from 'zod';
import { InvalidParamsError } from '@x/core';

/** The owner that leaves an endpoint open to every teammate (`organization` is read the same). */
export const ORGANISATION = 'organisation';

const entityId = z.string({ error: 'expected an entity id' }).trim().min(1, { error: 'expected an entity id, not an empty string' });

/** One endpoint of the file: who owns it, and who else can see its conversations. */
export const AccessEndpointSettings = z.looseObject({
  /** An entity id of a teammate or a team, or `'organisation'`. */
  owner: entityId,
  /** Additional internal members: teammates or teams (or `'organisation'`). */
  members: z.array(entityId, { error: 'expected a list of entity ids' }).default([]),
});
export type AccessEndpointSettings = z.infer<typeof AccessEndpointSettings>;

/**
 * The endpoints file: which phone numbers and Spruce Links are owned, by whom, with which
 * additional members. An endpoint not listed is owned by the whole organisation.
 *
 * @example
 * ```json
 * { "endpoints": { "+14155550100": { "owner": "ent_dr_ana", "members": ["ent_team_billing"] },
 *                  "link_front_desk": { "owner": "organisation" } } }
 * ```
 */
export const AccessEndpointsFile = z.looseObject({
  endpoints: z.record(z.string().trim().min(1, { error: 'an endpoint must not be empty' }), AccessEndpointSettings, {
    error: 'expected an object of endpoints',
  }),
});
export type AccessEndpointsFile = z.infer<typeof AccessEndpointsFile>;

/** A validated endpoint: restricted to its owner and members, or open to the organisation. */
export interface ResolvedEndpoint {
  endpoint: string;
  /** `null` when the whole organisation can see its conversations. */
  owner: string | null;
  members: string[];
}

/** The endpoints file, validated, by endpoint. */
export type AccessEndpoints = ReadonlyMap<string, ResolvedEndpoint>;

const isOrganisation = (id: string) => id.toLowerCase() === ORGANISATION || id.toLowerCase() === 'organization';

/**
 * Validates an endpoints file, given as its JSON text or as the parsed object. A malformed file
 * is an `InvalidParamsError` that says where (`endpoints["+14155550100"].owner: expected an entity
 * id`). Whether the owners and members exist is checked against an export later, by
 * {@link conversationAccess}.
 *
 * @example
 * ```ts
 * const endpoints = parseAccessEndpoints(await readFile('endpoints.json', 'utf8'));
 * endpoints.get('+14155550100')?.owner; // 'ent_dr_ana'
 * ```
 */
export function parseAccessEndpoints(input: unknown): AccessEndpoints {
  const value = typeof input === 'string' ? parseJson(input) : input;
  const result = AccessEndpointsFile.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? pathText(issue.path) : 'endpoints';
    throw new InvalidParamsError(`endpoints file: ${where}: ${issue?.message ?? 'invalid'}`, { param: 'endpoints' });
  }
  const endpoints = new Map<string, ResolvedEndpoint>();
  for (const [endpoint, settings] of Object.entries(result.data.endpoints)) {
    const open = isOrganisation(settings.owner) || settings.members.some(isOrganisation);
    endpoints.set(endpoint.trim(), { endpoint: endpoint.trim(), owner: open ? null : settings.owner, members: open ? [] : [...new Set(settings.members)] });
  }
  return endpoints;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // JSON.parse's message quotes the text: only the fact is told.
    throw new InvalidParamsError('endpoints file: not valid JSON', { param: 'endpoints' });
  }
}

function pathText(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_]\w*$/.test(String(key))) text += text === '' ? String(key) : `.${String(key)}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text || 'the file';
}
