import { Button } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { NotFoundPage } from './NotFoundPage';
import { StatusPage } from './StatusPage';

/** Router error boundary: unknown URL → 404, render crash → a reload suggestion. */
export function RouteErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error(error);
  return (
    <StatusPage
      code="!"
      title={t('shell:crash.title')}
      message={t('shell:crash.message')}
      action={
        <Button mt="md" onClick={() => window.location.reload()}>
          {t('shell:crash.reload')}
        </Button>
      }
    />
  );
}
