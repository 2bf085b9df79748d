import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** Account page tabs owned by the sales module (timeline, offers, documents, brief link). */
export interface AccountTabProps {
  accountId: string;
}

export function AccountTimelineTab(_props: AccountTabProps) {
  const { t } = useTranslation('sales');
  return <Text c="dimmed">{t('common.loading')}</Text>;
}

export function AccountOffersTab(_props: AccountTabProps) {
  const { t } = useTranslation('sales');
  return <Text c="dimmed">{t('common.loading')}</Text>;
}

export function AccountDocumentsTab(_props: AccountTabProps) {
  const { t } = useTranslation('sales');
  return <Text c="dimmed">{t('common.loading')}</Text>;
}

export function AccountBriefLink({ accountId }: AccountTabProps) {
  const { t } = useTranslation('sales');
  return (
    <Anchor component={Link} to={`/accounts/${accountId}/brief`}>
      {t('brief.open')}
    </Anchor>
  );
}
