import Papa from 'papaparse';

export type ParsedCsv = {
  headers: string[];
  /** Data rows keyed by header (the header row is not counted). */
  rows: Record<string, string>[];
  /** Rows whose number of cells differs from the header (1-based data row numbers). */
  errors: { row: number; message: string }[];
  delimiter: string;
};

/**
 * Parses CSV text (RFC 4180 plus the usual variants: CRLF or LF, `,` or `;` or tab detected,
 * quoted fields with quotes, delimiters and newlines, a UTF-8 BOM) with papaparse.
 * The first row is the header. Empty lines are ignored.
 */
export function parseCsv(text: string): ParsedCsv {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(source, { header: false, skipEmptyLines: true, delimitersToGuess: [',', ';', '\t', '|'] });
  const [headerRow = [], ...dataRows] = result.data;
  const headers = headerRow.map((header, index) => header.trim() || `column_${index + 1}`);
  const errors: ParsedCsv['errors'] = [];
  const rows = dataRows.map((cells, index) => {
    if (cells.length !== headers.length) errors.push({ row: index + 1, message: `Expected ${headers.length} cells, found ${cells.length}.` });
    return Object.fromEntries(headers.map((header, column) => [header, cells[column] ?? '']));
  });
  for (const error of result.errors) {
    if (error.code === 'UndetectableDelimiter') continue;
    const row = (error.row ?? 0);
    if (row >= 1 && !errors.some((known) => known.row === row)) errors.push({ row, message: error.message });
  }
  return { headers, rows, errors, delimiter: result.meta.delimiter };
}

/** CSV for spreadsheets: a BOM (Excel reads UTF-8), CRLF, and formulas neutralised. */
export function toCsv(columns: { key: string; header: string }[], rows: Record<string, unknown>[]): string {
  const data = rows.map((row) => columns.map(({ key }) => {
    const value = row[key];
    if (value == null) return '';
    if (Array.isArray(value)) return value.join(', ');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }));
  return '\ufeff' + Papa.unparse({ fields: columns.map((column) => column.header), data }, { newline: '\r\n', escapeFormulae: true });
}
