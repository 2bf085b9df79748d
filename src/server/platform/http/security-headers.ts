import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../../config.js';

/**
 * Security headers on every answer (helmet): a strict Content-Security-Policy for the web app
 * (scripts only from Relais itself, no inline script, no framing, no plug-ins, images only from
 * Relais or data:/blob: — a remote image in a note cannot phone home), no Referer, nosniff, and
 * HSTS when Relais is published over https. Inline styles stay allowed: Mantine writes its CSS
 * variables in a <style> element.
 */
function helmetOptions(https: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  };
}

/**
 * The headers helmet writes, worked out once: they do not depend on the request, and building
 * them on every answer (as the Fastify wrapper does) cost a tenth of a small API call's time.
 */
export function securityHeaders(config: Pick<Config, 'publicUrl'>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(helmetOptions(config.publicUrl.startsWith('https://')))(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    () => undefined,
  );
  // Helmet has no Permissions-Policy: Relais needs none of these browser features.
  headers['permissions-policy'] =
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()';
  return headers;
}

export async function installSecurityHeaders(app: FastifyInstance, config: Config) {
  const headers = securityHeaders(config);
  // A callback hook: no promise per request for work that never waits.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
