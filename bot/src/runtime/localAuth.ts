/**
 * Sign-in settings for local mode (`npm start` without Entra): the tab API trusts only the dev
 * token signer served by the same process. Never used when real credentials are configured.
 */
export const LOCAL_AUTH = {
  clientId: 'chaperone-local',
  /** The sample school's tenant (see bot/src/dev/sampleSchool.json). */
  tenantId: '00000000-0000-4000-8000-00000000fa4e',
  jwksPath: '/dev/auth/keys',
} as const;
