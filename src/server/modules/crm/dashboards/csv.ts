import Papa from 'papaparse';
import type { FastifyReply } from 'fastify';
import { writeAudit } from '../../../platform/audit.js';
import type { Ctx } from '../../../platform/context.js';

/** Rows of a list as CSV (RFC 4180, `;`-free, UTF-8 with BOM so spreadsheets read accents). */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const data = rows.map((row) => columns.map((column) => {
    const value = row[column];
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.join(', ');
    return String(value);
  }));
  return '\ufeff' + Papa.unparse({ fields: columns, data }, { newline: '\r\n' });
}

/** Every export is audited (ID-4) and served as a download. */
export async function auditExport(ctx: Ctx, what: string, count: number) {
  await writeAudit(ctx.tx, { actorId: ctx.actor.userId, action: 'export.csv', targetType: what, ip: ctx.ip, details: { count } });
}

export function csvHeaders(reply: FastifyReply, fileName: string) {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${fileName}"`);
}
