import type { Queryable } from '../../../db/client.js';
import { insertDocument } from '../documents/documents.repository.js';

/**
 * Files other modules attach to their own records (a knowledge item's brochures) are CRM
 * documents: stored, listed and removed here, under the caller's row-level security.
 */
export type AttachedFile = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
};
type DocumentRow = {
  id: string;
  file_name: string;
  content_type: string;
  size_bytes: number | string;
  sha256: string;
  created_at: string;
};
const toFile = (row: DocumentRow): AttachedFile => ({
  id: row.id,
  fileName: row.file_name,
  contentType: row.content_type,
  sizeBytes: Number(row.size_bytes),
  sha256: row.sha256,
  createdAt: row.created_at,
});
const COLUMNS = `id, file_name, content_type, size_bytes, sha256, created_at`;

/** The files attached to a record, oldest first. */
export async function attachedFiles(
  tx: Queryable,
  parentType: string,
  parentId: string,
): Promise<AttachedFile[]> {
  const rows = await tx.query<DocumentRow>(
    `select ${COLUMNS} from documents where parent_type = $1 and parent_id = $2 order by created_at`,
    [parentType, parentId],
  );
  return rows.map(toFile);
}

/** One file of a record, or null. */
export async function findAttachedFile(
  tx: Queryable,
  parentType: string,
  parentId: string,
  id: string,
): Promise<AttachedFile | null> {
  const [row] = await tx.query<DocumentRow>(
    `select ${COLUMNS} from documents where id = $1 and parent_type = $2 and parent_id = $3`,
    [id, parentType, parentId],
  );
  return row ? toFile(row) : null;
}

/** Keeps a stored file as attached to a record; returns its id. */
export const attachFile = (
  tx: Queryable,
  file: {
    parentType: string;
    parentId: string;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    userId: string;
  },
): Promise<string> => insertDocument(tx, file);

/** Removes the files attached to a record (when the record is deleted). */
export async function detachFiles(tx: Queryable, parentType: string, parentId: string): Promise<void> {
  await tx.query(`delete from documents where parent_type = $1 and parent_id = $2`, [parentType, parentId]);
}
