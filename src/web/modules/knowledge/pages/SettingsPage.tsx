import { Alert, Card, Radio, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../app/notify';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { keys, saveKnowledgeSettings, useKnowledgeSettings, type SecondExpert } from '../queries';

/** Admins: whether an expert's own change needs a second expert (issue 9; safe default). */
export function KnowledgeSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('knowledge:settings.title'));
  const client = useQueryClient();
  const settings = useKnowledgeSettings();
  const save = useMutation({
    mutationFn: (secondExpert: SecondExpert) => saveKnowledgeSettings({ secondExpert }),
    onSuccess: (data) => {
      client.setQueryData(keys.settings, data);
      notifySuccess(t('knowledge:settings.saved'));
    },
  });
  const data = settings.data;
  return (
    <Stack maw={760} mx="auto" gap="md">
      <PageHeader title={t('knowledge:settings.title')} mb={0} />
      <Text c="dimmed">{t('knowledge:settings.intro')}</Text>
      {data && (
        <Card withBorder padding="lg">
          <Radio.Group
            label={t('knowledge:settings.secondExpert')}
            value={data.secondExpert}
            onChange={(value) => save.mutate(value as SecondExpert)}
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="when_possible"
                label={t('knowledge:settings.when_possible')}
                disabled={save.isPending}
              />
              <Radio value="never" label={t('knowledge:settings.never')} disabled={save.isPending} />
            </Stack>
          </Radio.Group>
          <Text size="sm" mt="md">
            {t('knowledge:settings.validators', { count: data.validators })}
          </Text>
          <Alert mt="sm" color={data.secondExpertRequired ? 'green' : 'yellow'}>
            {t(data.secondExpertRequired ? 'knowledge:settings.required' : 'knowledge:settings.notRequired')}
          </Alert>
        </Card>
      )}
    </Stack>
  );
}
