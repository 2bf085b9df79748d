/** Only same-site paths are followed after sign-in, so `?next=` cannot send users elsewhere. */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next.startsWith('/login') || next.startsWith('/setup') || next.startsWith('/invite')) return fallback;
  return next;
}
