import type { Ctx } from '../../../platform/context.js';
import { decodeCursor, toPage } from '../../../platform/list-query.js';
import { listAuditEntries } from './audit.repository.js';
import type { AuditQuery } from './audit.schemas.js';

/** A page of the audit log, newest first. */
export async function readAuditLog(ctx: Ctx, query: AuditQuery) {
  const offset = decodeCursor(query.cursor);
  const { items, count } = await listAuditEntries(ctx.tx, query, query.limit, offset);
  return toPage(items, query, offset, count);
}
