/** CSV for spreadsheets, safe to open: every cell quoted, and cells a spreadsheet would run as a formula defused. */

// A leading =, +, -, @, tab or carriage return makes Excel and Sheets treat a cell as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: quoted, inner quotes doubled, and a formula-looking value prefixed with `'`. */
export function csvCell(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A whole CSV document (CRLF line ends, as RFC 4180 says) from a header row and data rows. */
export function toCsv(header: string[], rows: Array<Array<string | number | boolean | undefined>>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD HH:MM` in the school's time zone; empty when there is no time. */
export function localStamp(at: number | undefined, timeZone: string): string {
  if (at === undefined) return '';
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const p: Record<string, string> = {};
  for (const part of format.formatToParts(at)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
