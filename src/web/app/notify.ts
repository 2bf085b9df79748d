import { notifications } from '@mantine/notifications';
import { errorMessage } from './error-message';
import { i18n } from './i18n';

/** Shows an error as a red notification (translated code, else server detail). */
export function notifyError(error: unknown, title?: string): void {
  notifications.show({
    color: 'red',
    title: title ?? i18n.t('common:errors.title'),
    message: errorMessage(error, i18n),
    autoClose: 8000,
  });
}

/** Shows a short green confirmation. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000 });
}
