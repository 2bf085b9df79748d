/** Roles of ID-1, shared by server and web. */
export const ROLES = ['rep', 'manager', 'expert', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Confidentiality levels of ID-3. */
export const VISIBILITIES = ['public', 'team', 'restricted', 'secret'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const TEAM_KINDS = ['nation', 'region', 'team'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
