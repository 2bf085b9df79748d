import { useMemo, type ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from './i18n';
import { queryClient } from './query-client';
import { ServerEventsProvider } from './server-events';
import { localisedTheme } from './theme';

function LocalisedDates({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  return (
    <DatesProvider settings={{ locale: instance.language, firstDayOfWeek: 1 }}>{children}</DatesProvider>
  );
}

function LocalisedMantine({ children }: { children: ReactNode }) {
  const { t, i18n: instance } = useTranslation();
  // Rebuilt when the language changes, so icon buttons are named in the reader's language.
  const theme = useMemo(() => localisedTheme(t), [t, instance.language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <LocalisedMantine>
        <LocalisedDates>
          <Notifications position="top-right" limit={4} />
          <QueryClientProvider client={queryClient}>
            <ServerEventsProvider>{children}</ServerEventsProvider>
          </QueryClientProvider>
        </LocalisedDates>
      </LocalisedMantine>
    </I18nextProvider>
  );
}
