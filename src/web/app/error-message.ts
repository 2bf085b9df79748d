import { isApiError, type ProblemFieldError } from './api';

/** The slice of i18next this module needs, so it can be tested with a fake. */
export interface Translator {
  t: (key: string, options?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
}

function interpolationValues(problem: Record<string, unknown>): Record<string, unknown> {
  const seconds = typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : undefined;
  return {
    ...problem,
    retryAfterMinutes: seconds === undefined ? undefined : Math.max(1, Math.ceil(seconds / 60)),
  };
}

/**
 * A readable message for any error: the translation of its `code` when the client knows it
 * (`common:errors.<code>`), else the server's `detail`, else a generic message.
 */
export function errorMessage(error: unknown, i18n: Translator): string {
  if (isApiError(error)) {
    const { code, detail, title } = error.problem;
    if (code && i18n.exists(`common:errors.${code}`)) {
      const text = i18n.t(`common:errors.${code}`, interpolationValues(error.problem));
      // A translation needing a value the server did not send is worse than the server's own words.
      if (!(detail && /\{\{/.test(text))) return text;
    }
    if (detail) return detail;
    if (error.status >= 500) return i18n.t('common:errors.server');
    return title || i18n.t('common:errors.unknown');
  }
  return i18n.t('common:errors.unknown');
}

/** Field → message map from a validation problem, translated by field error code when known. */
export function fieldErrors(error: unknown, i18n: Translator): Record<string, string> {
  if (!isApiError(error) || !Array.isArray(error.problem.errors)) return {};
  const result: Record<string, string> = {};
  for (const item of error.problem.errors as ProblemFieldError[]) {
    // Zod paths may come as "body.email" or "/email": keep the last segment as the form field.
    const field = item.field.split(/[./]/).filter(Boolean).pop() ?? item.field;
    const key = item.code ? `common:errors.${item.code}` : '';
    result[field] = key && i18n.exists(key) ? i18n.t(key) : item.message;
  }
  return result;
}
