import chardet from 'chardet';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { cleanText } from '../../../platform/text.js';

export type ParsedCsv = {
  headers: string[];
  /** Data rows keyed by header (the header row is not counted). */
  rows: Record<string, string>[];
  /** Rows whose number of cells differs from the header (1-based data row numbers). */
  errors: { row: number; message: string }[];
  delimiter: string;
};

/** Single-byte encodings of Western Europe; Windows-1252 is their superset for printable text. */
const WESTERN = new Set(['windows-1252', 'iso-8859-1', 'iso-8859-15']);
const UNICODE = /^utf-(8|16|32)/i;

/**
 * Turns the bytes of an uploaded file into text (CRM-2). A file that is valid UTF-8 (with or
 * without BOM) is UTF-8; otherwise `chardet` guesses. French Excel saves "CSV (séparateur:
 * point-virgule)" in Windows-1252, and on short files the guess may name a neighbour (ISO-8859-2,
 * Shift_JIS…): a Western candidate close enough to the top one wins, as Windows-1252.
 * A charset the sender declares (`text/csv; charset=…`) other than UTF-8 is believed.
 */
export function decodeCsvBytes(bytes: Buffer, declared?: string): { text: string; encoding: string } {
  // A declared UTF-8 is checked like any other file (senders often claim it by default).
  if (declared && !/^utf-?8$/i.test(declared) && iconv.encodingExists(declared))
    return { text: stripBom(iconv.decode(bytes, declared)), encoding: declared };
  const unicodeBom = chardet.detect(bytes.subarray(0, 4));
  if (unicodeBom && /^UTF-(16|32)/.test(unicodeBom) && iconv.encodingExists(unicodeBom)) {
    return { text: stripBom(iconv.decode(bytes, unicodeBom)), encoding: unicodeBom };
  }
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'UTF-8' };
  } catch {
    // Not UTF-8: guess below.
  }
  const candidates = chardet.analyse(bytes);
  const top = candidates[0];
  const western = candidates.find((candidate) => WESTERN.has(candidate.name.toLowerCase()));
  let encoding = 'windows-1252';
  if (
    top &&
    !WESTERN.has(top.name.toLowerCase()) &&
    !UNICODE.test(top.name) &&
    iconv.encodingExists(top.name)
  ) {
    if (!western || western.confidence * 2 < top.confidence) encoding = top.name;
  }
  return { text: stripBom(iconv.decode(bytes, encoding)), encoding };
}

// Without its BOM, and storable (a NUL byte in a cell once answered 500 at import).
const stripBom = (text: string) => cleanText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * Exports neutralise cells that a spreadsheet would run as a formula by a leading apostrophe
 * (`'+33 6…`, `'=1+1`); reading our own export back removes it, so a round trip is lossless.
 */
const unneutralise = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/**
 * Parses CSV text (RFC 4180 plus the usual variants: CRLF or LF, `,` or `;` or tab detected,
 * quoted fields with quotes, delimiters and newlines, a UTF-8 BOM) with papaparse.
 * The first row is the header. Empty lines are ignored.
 */
export function parseCsv(text: string): ParsedCsv {
  const source = stripBom(text);
  const result = Papa.parse<string[]>(source, {
    header: false,
    skipEmptyLines: true,
    delimitersToGuess: [';', ',', '\t', '|'],
  });
  const [headerRow = [], ...dataRows] = result.data;
  const headers = headerRow.map((header, index) => header.trim() || `column_${index + 1}`);
  const errors: ParsedCsv['errors'] = [];
  const rows = dataRows.map((cells, index) => {
    if (cells.length !== headers.length)
      errors.push({ row: index + 1, message: `Expected ${headers.length} cells, found ${cells.length}.` });
    return Object.fromEntries(headers.map((header, column) => [header, unneutralise(cells[column] ?? '')]));
  });
  for (const error of result.errors) {
    if (error.code === 'UndetectableDelimiter') continue;
    const row = error.row ?? 0;
    if (row >= 1 && !errors.some((known) => known.row === row)) errors.push({ row, message: error.message });
  }
  return { headers, rows, errors, delimiter: result.meta.delimiter };
}
