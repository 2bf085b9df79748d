/** The audit log names who did what to whom (ID-4): admins only read it. */
export const readAudit = { roles: ['admin' as const] };
