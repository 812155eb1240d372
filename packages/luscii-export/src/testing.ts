export { lusciiHandlers, FAKE_LUSCII_API_KEY } from './testing/handlers.js';
export type { LusciiHandlersOptions, LusciiFakeApi, LusciiFakeRequest } from './testing/handlers.js';
export { fakeLusciiOrganisation, DEFAULT_FAKE_ROW_COUNTS, FAKE_CREATION_FIELDS } from './testing/fake-organisation.js';
export type { FakeLusciiOrganisation, FakeLusciiOrganisationOptions, FakeLusciiRows } from './testing/fake-organisation.js';
export type { LusciiFault, LusciiFaultTarget } from './testing/faults.js';
