/** The problem document every error answers (RFC 9457), for the OpenAPI description. */
const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail', 'errors', 'requestId'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable error code, e.g. validation_failed, auth.locked.' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          message: { type: 'string' },
          code: { type: 'string' },
          minimum: { type: 'number' },
          maximum: { type: 'number' },
        },
      },
    },
    requestId: { type: 'string' },
  },
};

/** What this file reads and writes of an OpenAPI document. */
export type OpenApiDocument = {
  components?: { schemas?: Record<string, unknown> };
  paths?: Record<string, Record<string, unknown> | undefined>;
};
type Operation = { responses?: Record<string, unknown> } | null | undefined;

/** Adds the shared Problem schema and the 4XX/5XX answers to every operation of the document. */
export function addProblemResponses<D extends OpenApiDocument>(document: D): D {
  document.components = document.components ?? {};
  document.components.schemas = { ...(document.components.schemas ?? {}), Problem: problemSchema };
  const problem = {
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  for (const operations of Object.values(document.paths ?? {})) {
    // A path item also holds `parameters`, `summary`…: only objects with responses are operations.
    for (const operation of Object.values(operations ?? {}) as Operation[]) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      operation.responses['4XX'] ??= { description: 'Client error (problem details)', ...problem };
      operation.responses['5XX'] ??= { description: 'Server error (problem details)', ...problem };
    }
  }
  return document;
}
