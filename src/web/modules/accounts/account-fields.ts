import type { Visibility } from './queries';

/** The choices the account and contact forms offer (the server's enums, in display order). */
export const ACCOUNT_KINDS = ['customer', 'prospect', 'supplier', 'partner', 'network_member'] as const;
export const ACCOUNT_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export const VISIBILITIES: Visibility[] = ['public', 'team', 'restricted', 'secret'];

/** Removes empty strings so PATCH/POST bodies stay minimal. */
export const nullIfEmpty = (value: string | null | undefined) =>
  value && value.trim() ? value.trim() : null;
