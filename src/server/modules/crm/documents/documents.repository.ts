import type { Queryable } from '../../../db/client.js';

export const PARENT_TABLES = {
  account: 'accounts',
  offer: 'offers',
  activity: 'activities',
  product: 'products',
} as const;
export type ParentType = keyof typeof PARENT_TABLES;

/** What SELECT reads: a `documents` row and its uploader's name. */
type DocumentTableRow = {
  id: string;
  parent_type: string;
  parent_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number | string;
  sha256: string;
  uploaded_by: string | null;
  uploaded_by_name: string | null;
  created_at: string;
};

export const toDocument = (row: DocumentTableRow) => ({
  id: row.id,
  parentType: row.parent_type,
  parentId: row.parent_id,
  fileName: row.file_name,
  contentType: row.content_type,
  sizeBytes: Number(row.size_bytes),
  sha256: row.sha256,
  uploadedBy: row.uploaded_by,
  uploadedByName: row.uploaded_by_name ?? null,
  createdAt: row.created_at,
  downloadUrl: `/api/v1/documents/${row.id}/download`,
});
export type DocumentRow = ReturnType<typeof toDocument>;

const SELECT = `select d.*, nullif(trim(u.first_name || ' ' || u.last_name), '') as uploaded_by_name from documents d left join users u on u.id = d.uploaded_by`;

/** A parent as the actor sees it (RLS), with its visibility and owner when it has them. */
export async function findParent(tx: Queryable, type: ParentType, id: string) {
  const columns =
    type === 'product' ? `id, 'public' as visibility, null::uuid as owner_id` : 'id, visibility, owner_id';
  const rows = await tx.query<{ id: string; visibility: string; owner_id: string | null }>(
    `select ${columns} from ${PARENT_TABLES[type]} where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Documents of one parent; for an account, also those of its offers and activities. */
export async function listDocuments(tx: Queryable, type: ParentType, id: string, includeChildren: boolean) {
  if (type === 'account' && includeChildren) {
    return (
      await tx.query<DocumentTableRow>(
        `${SELECT} where (d.parent_type = 'account' and d.parent_id = $1)
          or (d.parent_type = 'offer' and d.parent_id in (select o.id from offers o where o.account_id = $1))
          or (d.parent_type = 'activity' and d.parent_id in (select x.id from activities x where x.account_id = $1))
        order by d.created_at desc, d.id`,
        [id],
      )
    ).map(toDocument);
  }
  return (
    await tx.query<DocumentTableRow>(
      `${SELECT} where d.parent_type = $1 and d.parent_id = $2 order by d.created_at desc, d.id`,
      [type, id],
    )
  ).map(toDocument);
}

export async function findDocument(tx: Queryable, id: string) {
  const rows = await tx.query<DocumentTableRow>(`${SELECT} where d.id = $1`, [id]);
  return rows[0] ? toDocument(rows[0]) : null;
}

export async function insertDocument(
  tx: Queryable,
  doc: {
    parentType: string;
    parentId: string;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    userId: string;
  },
) {
  const [row] = await tx.query<{ id: string }>(
    `insert into documents (parent_type, parent_id, file_name, content_type, size_bytes, sha256, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [doc.parentType, doc.parentId, doc.fileName, doc.contentType, doc.size, doc.sha256, doc.userId],
  );
  return row.id;
}

export async function deleteDocumentRow(tx: Queryable, id: string): Promise<void> {
  await tx.query(`delete from documents where id = $1`, [id]);
}
