import Papa from 'papaparse';
import type { FastifyReply } from 'fastify';
import { writeAudit } from '../../../platform/audit.js';
import type { Ctx } from '../../../platform/context.js';

/** A column of an export: the row's key and its header in each language. */
export type CsvColumn = { key: string; fr: string; en: string };

/**
 * CSV as spreadsheets open it in columns (CRM-8, CRM-2): a UTF-8 BOM (Excel then reads accents),
 * CRLF, and the separator of the reader's language — `;` in French, where `,` is the decimal
 * mark and Excel expects `;`, with decimal commas in numbers; `,` in English. Cells a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`) get a leading apostrophe, which the
 * contact import removes again, so an export re-imports as it was.
 */
export function toCsv(columns: CsvColumn[], rows: Record<string, unknown>[], locale: 'fr' | 'en'): string {
  const decimal = locale === 'fr' ? ',' : '.';
  const data = rows.map((row) => columns.map(({ key }) => cell(row[key], decimal)));
  const fields = columns.map((column) => column[locale]);
  return (
    '\ufeff' +
    Papa.unparse(
      { fields, data },
      { delimiter: locale === 'fr' ? ';' : ',', newline: '\r\n', escapeFormulae: true },
    )
  );
}

function cell(value: unknown, decimal: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return String(value).replace('.', decimal);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Every export is audited (ID-4). */
export async function auditExport(ctx: Ctx, what: string, count: number) {
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'export.csv',
    targetType: what,
    ip: ctx.ip,
    details: { count },
  });
}

/** Served as a download named in the reader's language. */
export function csvHeaders(reply: FastifyReply, fileName: string) {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${fileName}"`);
}
