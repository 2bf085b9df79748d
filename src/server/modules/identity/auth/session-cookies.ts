import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../../platform/context.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../../platform/http/auth.js';
import { toMe } from '../users/users.repository.js';
import type { NewSession } from './auth.service.js';

/**
 * Sets the session cookie (httpOnly) and the CSRF cookie (readable by the web app). `Secure`
 * whenever Relais is published over https (PUBLIC_URL), not only when a trusted proxy says so.
 */
export function answerWithSession(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  session: NewSession,
) {
  const secure = request.protocol === 'https' || deps.config.publicUrl.startsWith('https://');
  const maxAge = deps.config.sessionMaxDays * 86_400;
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge,
  });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, {
    httpOnly: false,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge,
  });
  return { user: toMe(session.user), csrfToken: session.csrfToken };
}
