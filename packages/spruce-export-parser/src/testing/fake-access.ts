import type { AccessEndpointsFile } from '../access/endpoints-file.js';

/**
 * An endpoints file for {@link fakeSpruceExport}: a strict privacy setup where the first front
 * desk line is open to everyone, the second is Dr. 0's direct line (Dr. 1 covers for them) and the
 * third is owned by team 1. The Spruce Link `fake-clinic` is left out, so the report lists it as
 * an unlisted endpoint, and the fake export's random members, authors and pages give every other
 * kind of exception.
 *
 * @example
 * ```ts
 * const exp = await openSpruceExport(buildSpruceExportZip(fakeSpruceExport()));
 * const report = await conversationAccess(exp, FAKE_ACCESS_ENDPOINTS);
 * ```
 */
export const FAKE_ACCESS_ENDPOINTS = {
  endpoints: {
    '+14155550100': { owner: 'organisation', members: [] },
    '+14155550101': { owner: 'ent_prov_0', members: ['ent_prov_1'] },
    '+14155550102': { owner: 'ent_group_1', members: [] },
  },
} as const satisfies AccessEndpointsFile;
