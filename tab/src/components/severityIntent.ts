/** The Fluent message bar intent for each alert severity. */
export const SEVERITY_INTENT = { critical: 'error', warning: 'warning', info: 'info' } as const;
