/**
 * CSV for spreadsheets, the one writer every export uses (registers from chat and the side panel,
 * concern chronologies): csv-stringify with every cell quoted, CRLF line ends (RFC 4180, as Excel
 * expects), and a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) defused with `'`.
 */
import { stringify } from 'csv-stringify/sync';

/** One cell's value; `undefined` is an empty cell. */
export type CsvValue = string | number | boolean | undefined;

/** A whole CSV document from its rows (the header is the first row). */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return stringify(
    rows.map((row) => [...row]),
    {
      quoted: true,
      quoted_empty: true,
      escape_formulas: true,
      record_delimiter: 'windows',
      cast: { boolean: (value) => String(value), number: (value) => String(value) },
    },
  );
}
