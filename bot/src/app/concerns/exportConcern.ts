import type { Policy } from '../../domain/policy/schema.js';
import type { Logger } from '../ports.js';
import type { Viewer } from '../permissions.js';
import { concernToCsv, concernToMarkdown } from './exportFormats.js';
import { done, type Outcome } from './outcome.js';
import type { ConcernStore } from './ports.js';
import { findConcernFor } from './showConcern.js';

/** Export formats a DSL can ask for. */
export const EXPORT_FORMATS = ['csv', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A file ready to attach. */
export interface ExportedFile {
  filename: string;
  mimeType: string;
  content: string;
}

/**
 * Exports a concern's whole chronology for the school's system of record, with times in the
 * school's zone (`policy.school.timeZone`). DSL only.
 */
export async function exportConcern(
  deps: { store: ConcernStore; logger: Logger },
  viewer: Viewer,
  typedRef: string,
  format: ExportFormat,
  policy: Pick<Policy, 'school'>,
): Promise<Outcome<ExportedFile>> {
  const found = await findConcernFor(deps.store, viewer, typedRef, 'export');
  if (!found.ok) return found;
  const concern = found.value;
  const timeZone = policy.school.timeZone;
  deps.logger.info({ ref: concern.ref, format }, 'concern exported');
  return done(
    format === 'csv'
      ? { filename: `${concern.ref}.csv`, mimeType: 'text/csv', content: concernToCsv(concern, timeZone) }
      : { filename: `${concern.ref}.md`, mimeType: 'text/markdown', content: concernToMarkdown(concern, timeZone) },
  );
}
