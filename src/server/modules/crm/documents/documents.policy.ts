import type { Actor } from '../../../db/access.js';

/** Who edits the catalogue, and so attaches and deletes product documents. */
const PRODUCT_EDITORS = new Set(['admin', 'expert', 'manager']);

/** Documents of a product are catalogue material: only its editors attach them. */
export const mayAttachDocument = (actor: Actor, parentType: string): boolean =>
  parentType !== 'product' || PRODUCT_EDITORS.has(actor.role);

/** The uploader, an admin, the owner of the parent record, or a catalogue editor for a product's. */
export const mayDeleteDocument = (
  actor: Actor,
  doc: { uploadedBy: string | null; parentType: string },
  parent: { owner_id: string | null } | null,
): boolean =>
  doc.uploadedBy === actor.userId ||
  actor.role === 'admin' ||
  parent?.owner_id === actor.userId ||
  (doc.parentType === 'product' && PRODUCT_EDITORS.has(actor.role));
