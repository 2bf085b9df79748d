/** A field-level problem in a request, named by its dotted path. */
export type FieldError = { field: string; message: string; code: string; minimum?: number; maximum?: number };

/**
 * The one application error. `code` is stable (clients translate it); `status` is the HTTP
 * status; `detail` is readable English for API users. Never carries SQL or a stack.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, detail: string, errors: FieldError[] = []) =>
  new AppError(400, code, detail, errors);
export const validationError = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new AppError(400, 'validation_failed', detail, errors);
export const unauthorized = (detail = 'Sign in first.', code = 'auth.required') =>
  new AppError(401, code, detail);
export const forbidden = (detail = 'You are not allowed to do this.', code = 'forbidden') =>
  new AppError(403, code, detail);
export const notFound = (what = 'resource', code = 'not_found') =>
  new AppError(404, code, `This ${what} does not exist or is not visible to you.`);
export const conflict = (code: string, detail: string, errors: FieldError[] = []) =>
  new AppError(409, code, detail, errors);

/** Titles of the statuses we answer, for the problem document. */
export const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
