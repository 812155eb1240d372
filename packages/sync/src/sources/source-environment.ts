/**
 * The environment variables `x-sync` reads for each built-in source, in one place for every
 * message that names them: what to set to turn a source on (`x-sync run` with none configured),
 * and which variable holds its key and its host (a hint after a wrong key or a 404).
 */
export const SOURCE_ENVIRONMENT = {
  luscii: { turnOn: 'set LUSCII_API_KEY (and LUSCII_BASE_URL for another host)', key: 'LUSCII_API_KEY', host: 'LUSCII_BASE_URL' },
  dexcare: {
    turnOn: 'set DEXCARE_BASE_URL and DEXCARE_SERVICE_KEY',
    key: 'DEXCARE_SERVICE_KEY (and DEXCARE_APR_KEY, if set, for the All Providers Report)',
    host: 'DEXCARE_BASE_URL (and DEXCARE_APR_BASE_URL, if set)',
  },
  spruce: { turnOn: 'set SPRUCE_EXPORTS_DIR to the folder of Spruce zips', key: undefined, host: undefined },
} as const satisfies Record<string, { turnOn: string; key: string | undefined; host: string | undefined }>;
