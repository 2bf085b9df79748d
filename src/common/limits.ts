/**
 * Input lengths the server accepts, for the web's `maxLength`: a person cannot type more than
 * will be saved. `limits.test.ts` compares them with the server's schemas.
 */
export const ACCOUNT_LIMITS = {
  name: 200,
  siren: 20,
  siret: 30,
  sector: 120,
  addressLine: 300,
  postalCode: 20,
  city: 120,
  segment: 80,
  phone: 40,
  website: 300,
  tag: 50,
} as const;

export const CONTACT_LIMITS = {
  firstName: 100,
  lastName: 100,
  title: 150,
  email: 254,
  phone: 40,
  consentSource: 200,
  notes: 10_000,
  role: 120,
} as const;

export const CUSTOM_FIELD_LIMITS = { key: 40, labelFr: 120, labelEn: 120 } as const;

/** Every search box: what `GET /api/v1/search` accepts. */
export const SEARCH_MAX_LENGTH = 200;
