import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validationError } from '../errors.js';
import { cleanText } from '../text.js';

/** Deeper JSON than this is refused: no form or API body of Relais nests beyond a few levels. */
export const MAX_JSON_DEPTH = 64;

class TooDeep extends Error {}

function cleanValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = cleanValue(value[index], depth + 1);
    return value;
  }
  // Parsed JSON and query strings (whose parser makes prototype-less objects); buffers,
  // streams and multipart parts are left alone.
  if (
    ArrayBuffer.isView(value) ||
    typeof (value as { pipe?: unknown }).pipe === 'function' ||
    value instanceof Date
  )
    return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const cleanKey = cleanText(key);
    const inner = cleanValue(record[key], depth + 1);
    if (cleanKey !== key) delete record[key];
    record[cleanKey] = inner;
  }
  return record;
}

function cleanRequest(request: FastifyRequest) {
  const where: [keyof FastifyRequest & ('query' | 'params' | 'body'), string][] = [
    ['query', 'querystring'],
    ['params', 'params'],
    ['body', 'body'],
  ];
  for (const [part, field] of where) {
    try {
      (request as Record<typeof part, unknown>)[part] = cleanValue(request[part], 0);
    } catch (error) {
      if (!(error instanceof TooDeep)) throw error;
      throw validationError([
        { field, message: `Nested deeper than ${MAX_JSON_DEPTH} levels.`, code: 'too_deep' },
      ]);
    }
  }
}

/**
 * Text PostgreSQL cannot store, cleaned once for every route before validation (`cleanText`:
 * a NUL byte is dropped, a lone UTF-16 surrogate becomes U+FFFD). Without this, such text
 * reached the database and answered 500 on dozens of routes. Over-deep JSON answers 400
 * (validation walks it recursively).
 */
export function installInputGuard(app: FastifyInstance) {
  // A callback hook: no promise per request for work that never waits.
  app.addHook('preValidation', (request, _reply, done) => {
    try {
      cleanRequest(request);
    } catch (error) {
      return done(error as Error);
    }
    done();
  });
}
