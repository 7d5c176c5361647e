import type { Severity } from './types.js';

/** Most serious first: how staff see alerts listed. */
export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
