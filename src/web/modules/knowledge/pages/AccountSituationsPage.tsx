import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { AccountSituationsPanel } from '../account-situations-panel';
import { useAccountName } from '../queries';

/** The situations panel on its own page (linked from a situation's accounts), until the account page mounts it. */
export function AccountSituationsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const account = useAccountName(id);
  useDocumentTitle(t('knowledge:panel.pageTitle'));
  return (
    <Stack maw={900} mx="auto" gap="md">
      <PageHeader
        title={t('knowledge:panel.pageTitle')}
        mb={0}
        actions={
          account.data ? (
            <Anchor component={Link} to={`/accounts/${id}`}>
              {account.data.name}
            </Anchor>
          ) : null
        }
      />
      <AccountSituationsPanel accountId={id} />
    </Stack>
  );
}
