import type { Queryable } from '../../../db/client.js';
import {
  ACTION_FIELD_TYPES,
  type ActionField,
  type ExtensionPoints,
} from '../../../platform/extension-points.js';
import { findDeclaredActions } from './catalogue.repository.js';

/** Types a rule condition can test (PUSH-2). `changes` holds `{ field: { from, to } }`. */
export const FIELD_TYPES = ACTION_FIELD_TYPES;
export type FieldType = ActionField['type'];
export type { ActionField };

/**
 * An action a rule may watch, as push uses it: those the modules contribute
 * (`deps.points.registerActions`, `builtIn`) and those other applications declare
 * (`POST /api/v1/push/actions`, kept in `push_actions`).
 */
export type ActionDefinition = {
  name: string;
  label: string;
  builtIn: boolean;
  /** Declared by the demo to show how another application calls the check API. */
  example: boolean;
  fields: ActionField[];
  /** What an acknowledgment is tied to besides the values a rule reads (see `ackFingerprint`). */
  keyFields: string[];
  /** Rules of these actions also fire for this one. */
  alsoChecks: string[];
};

/** Every action a rule may target, labelled in `locale`. */
export async function loadActions(
  db: Queryable,
  points: ExtensionPoints,
  locale: 'fr' | 'en' = 'fr',
): Promise<Map<string, ActionDefinition>> {
  const actions = new Map<string, ActionDefinition>();
  for (const action of points.actions.values()) {
    actions.set(action.name, {
      name: action.name,
      label: action.label[locale],
      builtIn: true,
      example: false,
      fields: action.fields,
      keyFields: action.keyFields,
      alsoChecks: action.alsoChecks ?? [],
    });
  }
  const rows = await findDeclaredActions(db);
  for (const row of rows) {
    if (actions.has(row.name)) continue;
    // Another application's action has no ids we can resolve: all its fields say which one it is.
    actions.set(row.name, {
      name: row.name,
      label: row.label,
      builtIn: false,
      example: row.example,
      fields: row.fields,
      keyFields: row.fields.map((field) => field.name),
      alsoChecks: [],
    });
  }
  return actions;
}
