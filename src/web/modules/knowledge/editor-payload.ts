import type { ApiBody } from '../../app/api/client';

/**
 * What the knowledge editor sends. The server's PATCH schema is strict and lists only editable
 * fields: an item as read (id, status, ownerId, version…) must never go back whole. For an
 * existing item only the fields that changed are sent, so saving twice makes no empty version.
 */
export type EditorForm = {
  type: string;
  title: string;
  problem: string;
  body: string;
  tags: string;
  visibility: string;
  delivery: string;
  productIds: string[];
  situationIds: string[];
  /** Push items (PUSH-1): teams and roles reached; `pushAt` as a local `YYYY-MM-DDTHH:mm` ('' = on publication). */
  teamIds: string[];
  roles: string[];
  pushAt: string;
};

export const EDITABLE_FIELDS = [
  'type',
  'title',
  'problem',
  'body',
  'tags',
  'visibility',
  'delivery',
  'productIds',
  'situationIds',
  'audience',
  'pushAt',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** The editable fields as the API's PATCH takes them (the form's selects hold the API's values). */
export type EditorPayload = ApiBody<'/api/v1/knowledge/{id}', 'patch'>;

/** A local date-time field's value as an ISO instant (null when empty). */
export const toInstant = (local: string) => (local ? new Date(local).toISOString() : null);
/** An ISO instant as a local date-time field's value. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const parseTags = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/** The form's values as the API takes them (tags as a list), editable fields only. */
export function toPayload(form: EditorForm): EditorPayload {
  const payload: EditorPayload = {};
  const values: Record<string, unknown> = {
    ...form,
    tags: parseTags(form.tags),
    audience: { teamIds: form.teamIds, roles: form.roles },
    pushAt: toInstant(form.pushAt),
  };
  for (const field of EDITABLE_FIELDS) (payload as Record<string, unknown>)[field] = values[field];
  return payload;
}

/** Only what differs from the item being edited (whatever else the item carries is ignored). */
export function changedPayload(form: EditorForm, item: Record<string, unknown>): EditorPayload {
  const all = toPayload(form) as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) {
    const before =
      field === 'pushAt'
        ? toInstant(toLocalInput(item.pushAt as string | null))
        : (item[field] ?? (field === 'problem' ? '' : undefined));
    if (JSON.stringify(all[field]) !== JSON.stringify(before)) changed[field] = all[field];
  }
  return changed as EditorPayload;
}

/** Field → first server message, keyed by the form field a problem's `errors[].field` names (`tags.0` → tags). */
export function errorsByField(
  errors: { field: string; message: string }[] | undefined,
): Partial<Record<EditableField | 'teamIds' | 'roles', string>> {
  const result: Partial<Record<string, string>> = {};
  for (const error of errors ?? []) {
    const head = error.field.split(/[./[]/)[0];
    const field = (
      head === 'audience' ? (error.field.includes('roles') ? 'roles' : 'teamIds') : head
    ) as EditableField;
    if ([...EDITABLE_FIELDS, 'teamIds', 'roles'].includes(field) && !result[field])
      result[field] = error.message;
  }
  return result;
}
