import type { TFunction } from 'i18next';
import { problemText } from '../../../../common/errors';
import type { AuditEntry } from '../queries';

/** The actions the server writes to the audit log (platform/audit.ts callers), for labels and the filter. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.password_changed',
  'auth.sso_failed',
  'user.invited',
  'user.role_changed',
  'user.team_changed',
  'user.deactivated',
  'user.reactivated',
  'user.provisioned',
  'sso.settings_changed',
  'setup.completed',
  'team.created',
  'team.updated',
  'team.deleted',
  'account.deleted',
  'account.exported',
  'account.merged',
  'contact.deleted',
  'contact.erased',
  'contact.exported',
  'contact.gdpr_exported',
  'contact.imported',
  'custom_field.created',
  'custom_field.updated',
  'custom_field.deleted',
  'knowledge.deleted',
  'knowledge.visibility_changed',
  'knowledge.synonyms_created',
  'knowledge.synonyms_updated',
  'knowledge.synonyms_deleted',
  'record.secret_read',
  'grant.created',
  'grant.revoked',
  'export.csv',
] as const;

export const AUDIT_TARGETS = [
  'user',
  'team',
  'account',
  'contact',
  'contact_import',
  'custom_field',
  'knowledge',
  'knowledge_synonyms',
  'offer',
  'activity',
  'product',
  'settings',
] as const;

const localeOf = (t: TFunction) => (t('admin:audit.locale', { defaultValue: 'fr' }) === 'en' ? 'en' : 'fr');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = new Set(['rep', 'manager', 'expert', 'admin']);
const VISIBILITIES = new Set(['public', 'team', 'restricted', 'secret']);

/** An action in words; a code the app does not know yet reads "Other action", never the code itself. */
export function actionLabel(t: TFunction, action: string): string {
  return t(`admin:audit.actions.${action}`, { defaultValue: t('admin:audit.actions.other') });
}

export function targetLabel(t: TFunction, targetType: string | null): string | null {
  if (!targetType) return null;
  return t(`admin:audit.targets.${targetType}`, { defaultValue: '' }) || null;
}

/** A detail value as a reader understands it: names for ids, role labels for role codes. */
function detailValue(t: TFunction, entry: AuditEntry, value: unknown, key = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && UUID.test(value))
    return entry.names[value] ?? t('admin:audit.unknownPerson');
  if (typeof value === 'string' && ROLES.has(value)) return t(`common:roles.${value}`);
  if (key === 'visibility' && typeof value === 'string' && VISIBILITIES.has(value))
    return t(`accounts:visibility.${value}`);
  // How a confidential record was read (a list, a search, an export, its own page…): in words.
  // Why a single sign-on was refused: the error catalogue's words, never its code.
  if (key === 'reason' && typeof value === 'string' && problemText(value, localeOf(t)))
    return problemText(value, localeOf(t))!;
  if (key === 'method' && typeof value === 'string')
    return t(`admin:audit.methods.${value}`, { defaultValue: value });
  if (key === 'how' && typeof value === 'string')
    return t(`admin:audit.how.${value}`, { defaultValue: t('admin:audit.how.other') });
  if (Array.isArray(value)) return value.map((item) => detailValue(t, entry, item)).join(', ');
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .map((item) => detailValue(t, entry, item))
      .join(', ');
  return String(value);
}

/** The details of an entry as labelled lines; keys the app has no words for are left out. */
export function detailLines(t: TFunction, entry: AuditEntry): { label: string; value: string }[] {
  return Object.entries(entry.details ?? {})
    .map(([key, value]) => ({
      label: t(`admin:audit.detailKeys.${key}`, { defaultValue: '' }),
      value: detailValue(t, entry, value, key),
    }))
    .filter((line) => line.label !== '');
}

/** "Commercial → Expert", "Équipe Rennes → Équipe Nantes": what a change did, shown in its row. */
export function changeSummary(t: TFunction, entry: AuditEntry): string | null {
  const { from, to } = entry.details ?? {};
  if (from === undefined && to === undefined) return null;
  return `${detailValue(t, entry, from)} → ${detailValue(t, entry, to)}`;
}
