import type { Queryable } from '../../../db/client.js';
import type { CustomField } from './custom-fields.schemas.js';

type CustomFieldRow = {
  id: string;
  entity: CustomField['entity'];
  key: string;
  label_fr: string;
  label_en: string;
  field_type: CustomField['fieldType'];
  choices: string[] | null;
  position: number;
  created_at: string;
};

const toField = (row: CustomFieldRow): CustomField => ({
  id: row.id,
  entity: row.entity,
  key: row.key,
  labelFr: row.label_fr,
  labelEn: row.label_en,
  fieldType: row.field_type,
  choices: row.choices ?? [],
  position: row.position,
  createdAt: row.created_at,
});

/** The definitions of one entity (or all), in form order. */
export async function findCustomFields(db: Queryable, entity?: string): Promise<CustomField[]> {
  const rows = await db.query<CustomFieldRow>(
    `select * from custom_field_definitions ${entity ? 'where entity = $1' : ''} order by entity, position, label_en`,
    entity ? [entity] : [],
  );
  return rows.map(toField);
}

export async function findCustomField(db: Queryable, id: string): Promise<CustomField | null> {
  const rows = await db.query<CustomFieldRow>(`select * from custom_field_definitions where id = $1`, [id]);
  return rows[0] ? toField(rows[0]) : null;
}

/** Adds a definition; null when the entity already has a field with this key. */
export async function insertCustomField(
  db: Queryable,
  input: Omit<CustomField, 'id' | 'createdAt'>,
): Promise<CustomField | null> {
  const rows = await db.query<CustomFieldRow>(
    `insert into custom_field_definitions (entity, key, label_fr, label_en, field_type, choices, position)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (entity, key) do nothing returning *`,
    [input.entity, input.key, input.labelFr, input.labelEn, input.fieldType, input.choices, input.position],
  );
  return rows[0] ? toField(rows[0]) : null;
}

export async function updateCustomFieldRow(
  db: Queryable,
  id: string,
  next: Pick<CustomField, 'labelFr' | 'labelEn' | 'choices' | 'position'>,
): Promise<CustomField> {
  const [row] = await db.query<CustomFieldRow>(
    `update custom_field_definitions set label_fr = $2, label_en = $3, choices = $4, position = $5 where id = $1 returning *`,
    [id, next.labelFr, next.labelEn, next.choices, next.position],
  );
  return toField(row);
}

/** Deletes a definition; answers its key and entity, or null when there was none. */
export async function deleteCustomFieldRow(
  db: Queryable,
  id: string,
): Promise<{ key: string; entity: string } | null> {
  const rows = await db.query<{ key: string; entity: string }>(
    `delete from custom_field_definitions where id = $1 returning key, entity`,
    [id],
  );
  return rows[0] ?? null;
}
