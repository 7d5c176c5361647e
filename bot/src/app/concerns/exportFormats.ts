/**
 * A concern's chronology as a file to be filed in the school's system of record (CPOMS,
 * MyConcern): clear headings, every entry, times in the school's zone.
 */
import { toCsv } from '../csv.js';
import { chronologyLines } from './chronologyText.js';
import { formatInZone } from '../time.js';
import { concernStatus, type Concern } from './types.js';

/** CSV: one row per field of each entry, so nothing is squeezed into one cell. */
export function concernToCsv(concern: Concern, timeZone: string): string {
  const rows: Array<Array<string | number>> = [
    ['Reference', 'Entry', `Date and time (${timeZone})`, 'Recorded by', 'Entry type', 'Field', 'Value'],
  ];
  for (const line of chronologyLines(concern.entries, timeZone)) {
    for (const field of line.fields)
      rows.push([concern.ref, line.number, line.when, line.who, line.what, field.label, field.value]);
  }
  return toCsv(rows);
}

/** Free text inside Markdown: each line quoted and markup characters escaped, so it prints as written. */
function quoteText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3')}`)
    .join('\n');
}

/** Markdown: a heading, a summary, then each entry under its own heading. */
export function concernToMarkdown(concern: Concern, timeZone: string): string {
  const status = concernStatus(concern);
  const out = [
    `# Safeguarding concern ${concern.ref}`,
    '',
    `- Reported by: ${concern.reporter.name}`,
    `- Reported at: ${formatInZone(concern.raisedAt, timeZone)}`,
    `- Status: ${status.open ? 'Open' : 'Closed'}`,
    `- Level: ${status.level ?? 'Not set'}`,
    `- Times shown in: ${timeZone}`,
    '',
    '## Chronology',
  ];
  for (const line of chronologyLines(concern.entries, timeZone)) {
    out.push('', `### ${line.number}. ${line.what}: ${line.when}, ${line.who}`);
    for (const field of line.fields) out.push('', `**${field.label}**`, '', quoteText(field.value));
  }
  return out.join('\n') + '\n';
}
