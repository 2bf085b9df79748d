import { fieldErrorText, problemText } from '../../common/errors';
import { isApiError, type ProblemFieldError } from './api/client';

/** The slice of i18next this module needs, so it can be tested with a fake. */
export interface Translator {
  t: (key: string, options?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
  language: string;
}

const localeOf = (i18n: Translator) => (i18n.language?.startsWith('en') ? 'en' : 'fr');

function interpolationValues(problem: Record<string, unknown>): Record<string, unknown> {
  const seconds = typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : undefined;
  return {
    ...problem,
    retryAfterMinutes: seconds === undefined ? undefined : Math.max(1, Math.ceil(seconds / 60)),
  };
}

/**
 * A readable message for any error in the reader's language: the text of its `code` from the
 * one error catalogue (`src/common/errors.ts`), else the server's `detail`, else a generic message.
 */
export function errorMessage(error: unknown, i18n: Translator): string {
  if (isApiError(error)) {
    const { code, detail, title } = error.problem;
    // A text needing a value the server did not send gives way to the server's own words.
    const known = code ? problemText(code, localeOf(i18n), interpolationValues(error.problem)) : undefined;
    if (known) return known;
    if (detail) return detail;
    // The server was not reached (no network on the road): say so in the reader's language.
    if (error.status === 0) return i18n.t('common:errors.network');
    if (error.status >= 500) return i18n.t('common:errors.server');
    if (i18n.exists(`common:errors.http.${error.status}`))
      return i18n.t(`common:errors.http.${error.status}`);
    return title || i18n.t('common:errors.unknown');
  }
  return i18n.t('common:errors.unknown');
}

/** The form field a problem's field path names: `body.emails.0.address` → `address`. */
export function formFieldOf(path: string): string {
  return (
    path
      .split(/[./]/)
      .filter((part) => part && !/^\d+$/.test(part))
      .pop() ?? path
  );
}

/** Field → message map from a validation problem, in the reader's language (one message per field, the first). */
export function fieldErrors(error: unknown, i18n: Translator): Record<string, string> {
  if (!isApiError(error) || !Array.isArray(error.problem.errors)) return {};
  const result: Record<string, string> = {};
  for (const item of error.problem.errors as ProblemFieldError[]) {
    const text =
      (item.code && fieldErrorText(item.code, localeOf(i18n), item as unknown as Record<string, unknown>)) ||
      item.message;
    // Under its last name (`address`) and its whole path (`emails.0.address`), for forms with lists.
    for (const key of [formFieldOf(item.field), item.field.replace(/^(body\.|\/)/, '')])
      if (!result[key]) result[key] = text;
  }
  return result;
}
