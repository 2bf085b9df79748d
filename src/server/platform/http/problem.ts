import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, STATUS_TITLES, type FieldError } from '../errors.js';

/** Sends an RFC 9457 problem document. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const body = {
    type: `https://relais.dev/problems/${error.code.replace(/\./g, '-')}`,
    title: STATUS_TITLES[error.status] ?? 'Error',
    status: error.status,
    code: error.code,
    detail: error.detail,
    errors: error.errors,
    requestId: request.id,
    ...error.extra,
  };
  return reply.status(error.status).type('application/problem+json').send(JSON.stringify(body));
}

function fieldErrorsFromValidation(error: FastifyError & { validation: any[] }): FieldError[] {
  const where = (error as any).validationContext as string | undefined;
  return error.validation.map((issue: any) => {
    const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const zodIssue = issue.params?.issue;
    const missing = issue.params?.missingProperty ?? (zodIssue?.code === 'unrecognized_keys' ? zodIssue.keys?.join(',') : undefined);
    const field = [where === 'body' ? '' : where, path, missing].filter(Boolean).join('.');
    return { field: field || (where ?? 'request'), message: issue.message ?? 'Invalid value.', code: zodIssue?.code ?? issue.keyword ?? 'invalid' };
  });
}

/** Maps every error (ours, Fastify's, validation, parsing) to a problem; 5xx never leak details. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError(400, 'validation_failed', 'The request has invalid fields.', fieldErrorsFromValidation(error as any));
  }
  if (isResponseSerializationError(error)) return new AppError(500, 'internal_error', 'Something went wrong on our side.');
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
  }
  if (error instanceof SyntaxError && status === 400) return new AppError(400, 'malformed_json', 'The body is not valid JSON.');
  if (status === 429) return new AppError(429, 'rate_limited', 'Too many requests; wait a moment.');
  if (status && status >= 400 && status < 500) {
    return new AppError(status, 'bad_request', fastifyError.message.replace(/^FST_\w+: /, '').slice(0, 300));
  }
  return new AppError(500, 'internal_error', 'Something went wrong on our side.');
}

export function registerProblemHandlers(app: FastifyInstance, options: { notFound?: (request: FastifyRequest, reply: FastifyReply) => unknown }) {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.notFound && !request.url.startsWith('/api')) return options.notFound(request, reply);
    return sendProblem(request, reply, new AppError(404, 'route_not_found', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });
}
