import { notifications } from '@mantine/notifications';
import { isApiError } from './api/client';
import { errorMessage } from './error-message';
import { i18n } from './i18n';

/**
 * Every "no network" error shares one notification: when several requests fail together
 * offline (a save and a refetch…), the second one does not stack a twin under the first.
 */
export const NETWORK_NOTIFICATION_ID = 'relais-network-error';

/** The notification's id: the shared one for a network failure, none (a new one) otherwise. */
export const notificationIdFor = (error: unknown): string | undefined =>
  isApiError(error) && error.status === 0 ? NETWORK_NOTIFICATION_ID : undefined;

/** Shows an error as a red notification (translated code, else server detail). */
export function notifyError(error: unknown, title?: string): void {
  notifications.show({
    // Mantine shows nothing new for an id already on screen.
    id: notificationIdFor(error),
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
