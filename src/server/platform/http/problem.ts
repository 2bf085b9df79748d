import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { fieldErrorText, problemText } from '../../../common/errors.js';
import type { Locale } from '../../../common/roles.js';
import { AppError, notFound, STATUS_TITLES, type FieldError } from '../errors.js';

/** The language a request asks for by its `Accept-Language` (first tag), when Relais speaks it. */
export function requestLocale(request: FastifyRequest): Locale | undefined {
  const first = String(request.headers['accept-language'] ?? '')
    .split(',')[0]
    ?.trim()
    .slice(0, 2)
    .toLowerCase();
  return first === 'fr' || first === 'en' ? first : undefined;
}

/** Sends an RFC 9457 problem document; `detail` and field messages in the request's language when known. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const locale = requestLocale(request);
  const seconds = error.extra.retryAfterSeconds;
  const values = {
    ...error.extra,
    retryAfterMinutes: typeof seconds === 'number' ? Math.max(1, Math.ceil(seconds / 60)) : undefined,
  };
  const body = {
    type: `https://relais.dev/problems/${error.code.replace(/\./g, '-')}`,
    title: STATUS_TITLES[error.status] ?? 'Error',
    status: error.status,
    code: error.code,
    detail: (locale && problemText(error.code, locale, values)) || error.detail,
    errors: locale
      ? error.errors.map((item) => ({
          ...item,
          message: fieldErrorText(item.code, locale, item) ?? item.message,
        }))
      : error.errors,
    requestId: request.id,
    ...error.extra,
  };
  return reply.status(error.status).type('application/problem+json').send(JSON.stringify(body));
}

/** An Ajv-shaped validation issue as fastify-type-provider-zod reports it (the Zod issue in `params.issue`). */
type ValidationIssue = {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: {
    keys?: unknown;
    missingProperty?: string;
    minimum?: unknown;
    maximum?: unknown;
    issue?: { code?: string; keys?: string[]; minimum?: unknown; maximum?: unknown };
  };
};
type ValidationFailure = { validation: ValidationIssue[]; validationContext?: string };

function fieldErrorsFromValidation(error: ValidationFailure): FieldError[] {
  const where = error.validationContext;
  return error.validation.flatMap((issue): FieldError[] => {
    const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    // One error per unknown key, named like any other field (`querystring.contactId`).
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params?.keys)) {
      return issue.params.keys.map((key: string) => ({
        field: [where === 'body' ? '' : where, path, key].filter(Boolean).join('.'),
        message: where === 'querystring' ? `Unknown query parameter "${key}".` : `Unknown field "${key}".`,
        code: 'unrecognized_keys',
      }));
    }
    const zodIssue = issue.params?.issue;
    const missing =
      issue.params?.missingProperty ??
      (zodIssue?.code === 'unrecognized_keys' ? zodIssue.keys?.join(',') : undefined);
    const field = [where === 'body' ? '' : where, path, missing].filter(Boolean).join('.');
    // The limit of a length or size check, so a client can say "at most 200 characters".
    const limit = (name: 'minimum' | 'maximum') => {
      const value = issue.params?.[name] ?? zodIssue?.[name];
      return typeof value === 'number' ? { [name]: value } : {};
    };
    const limits = { ...limit('minimum'), ...limit('maximum') };
    return [
      {
        field: field || (where ?? 'request'),
        message: issue.message ?? 'Invalid value.',
        code: zodIssue?.code ?? issue.keyword ?? 'custom',
        ...limits,
      },
    ];
  });
}

/** Maps every error (ours, Fastify's, validation, parsing) to a problem; 5xx never leak details. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError(
      400,
      'validation_failed',
      'The request has invalid fields.',
      fieldErrorsFromValidation(error as unknown as ValidationFailure),
    );
  }
  // Two requests racing for the same row or unique value: the loser may retry (never a 500).
  // 23505 unique violation, 40001 serialization failure, 40P01 deadlock; the detail names no constraint.
  if (['23505', '40001', '40P01'].includes((error as { code?: string })?.code ?? '')) {
    return new AppError(409, 'conflict', 'Someone changed this at the same moment; reload and try again.');
  }
  // 42501 from a row-level security policy: the change would leave a row the actor may not
  // write (e.g. a visibility that hides the record from the one changing it).
  if (
    (error as { code?: string })?.code === '42501' &&
    /row-level security/.test(String((error as Error).message))
  ) {
    return new AppError(
      403,
      'forbidden',
      'You are not allowed to make this change: the record would end up outside what you may see.',
    );
  }
  // 23503 foreign key violation: a reference to a record that does not exist (400, named after
  // its column), or a deletion of a record still in use (409). Services check the common cases
  // with better words; this keeps every other one from answering 500.
  if ((error as { code?: string })?.code === '23503') {
    const detail = String((error as { detail?: string }).detail ?? '');
    if (/still referenced/.test(detail))
      return new AppError(409, 'conflict', 'This record is still in use elsewhere.');
    // Under row-level security PostgreSQL leaves the key out of the detail: the default
    // constraint name `<table>_<column>_fkey` still names the column.
    const { table, constraint } = error as { table?: string; constraint?: string };
    const fromConstraint =
      table && constraint?.startsWith(`${table}_`) && constraint.endsWith('_fkey')
        ? constraint.slice(table.length + 1, -5)
        : undefined;
    const column = /Key \(([a-z_]+)\)=/.exec(detail)?.[1] ?? fromConstraint;
    const field = column
      ? column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase())
      : 'body';
    return new AppError(400, 'validation_failed', 'The request has invalid fields.', [
      { field, message: 'Unknown, or you have no access to it.', code: 'unknown_reference' },
    ]);
  }
  if (isResponseSerializationError(error))
    return new AppError(500, 'internal_error', 'Something went wrong on our side.');
  const status = fastifyError?.statusCode;
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'payload_too_large', 'The request body is larger than allowed.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type', 'This content type is not accepted here.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'malformed_json', 'The body is empty but JSON was announced.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'malformed_json', 'The body is not valid JSON.');
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return new AppError(429, 'rate_limited', 'Too many requests; wait a moment.');
    case 'FST_ERR_BAD_URL':
      return new AppError(400, 'bad_request', 'The URL is not validly percent-encoded.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      // No identifier of Relais is that long: the record cannot exist.
      return notFound();
  }
  if (error instanceof SyntaxError && status === 400)
    return new AppError(400, 'malformed_json', 'The body is not valid JSON.');
  if (status === 429) return new AppError(429, 'rate_limited', 'Too many requests; wait a moment.');
  // Fastify's messages quote the input (URL, content type, charset): never echoed back.
  if (status && status >= 400 && status < 500)
    return new AppError(
      status,
      'bad_request',
      `The request was refused (${STATUS_TITLES[status] ?? status}).`,
    );
  return new AppError(500, 'internal_error', 'Something went wrong on our side.');
}

/** For Fastify's `frameworkErrors` option: errors raised before routing (bad URL, long parameter). */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, toAppError(error));
}

export function registerProblemHandlers(
  app: FastifyInstance,
  options: { notFound?: (request: FastifyRequest, reply: FastifyReply) => unknown },
) {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.notFound && !request.url.startsWith('/api')) return options.notFound(request, reply);
    return sendProblem(
      request,
      reply,
      new AppError(404, 'route_not_found', 'No API route answers this method and path.'),
    );
  });
}
