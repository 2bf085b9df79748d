import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { ApiTokensCard } from '../components/ApiTokensCard';
import { IdentityCard } from '../components/IdentityCard';
import { PasswordCard } from '../components/PasswordCard';

export function ProfilePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('identity:profile.title'));
  return (
    <Stack maw={960} mx="auto" gap="lg">
      <PageHeader title={t('identity:profile.title')} description={t('identity:profile.subtitle')} mb={0} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <IdentityCard />
        <Stack gap="lg">
          <Card withBorder radius="md" padding="lg">
            <Title order={4}>{t('identity:profile.language.title')}</Title>
            <Text c="dimmed" size="sm" mb="md">
              {t('identity:profile.language.help')}
            </Text>
            <LanguageSwitch size="sm" />
          </Card>
          <PasswordCard />
        </Stack>
      </SimpleGrid>
      <ApiTokensCard />
    </Stack>
  );
}
