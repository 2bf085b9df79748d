import { useTranslation } from 'react-i18next';
import { StatusPage } from './StatusPage';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <StatusPage code="403" title={t('shell:forbidden.title')} message={t('shell:forbidden.message')} />;
}
