import { Alert, Button, Card, Group, NumberInput, Radio, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
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
    mutationFn: (body: { secondExpert?: SecondExpert; searchLogDays?: number }) =>
      saveKnowledgeSettings(body),
    onSuccess: (data) => {
      client.setQueryData(keys.settings, data);
      notifySuccess(t('knowledge:settings.saved'));
    },
  });
  const data = settings.data;
  const [days, setDays] = useState<number | null>(null);
  const shownDays = days ?? data?.searchLogDays ?? 180;
  return (
    <Stack maw={760} mx="auto" gap="md">
      <PageHeader title={t('knowledge:settings.title')} mb={0} />
      <Text c="dimmed">{t('knowledge:settings.intro')}</Text>
      {data && (
        <Card withBorder padding="lg">
          <Radio.Group
            label={t('knowledge:settings.secondExpert')}
            value={data.secondExpert}
            onChange={(value) => save.mutate({ secondExpert: value as SecondExpert })}
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
      {data && (
        <Card withBorder padding="lg">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NumberInput
              label={t('knowledge:settings.searchLogDays')}
              description={t('knowledge:settings.searchLogDaysHelp')}
              min={7}
              max={3650}
              allowDecimal={false}
              value={shownDays}
              onChange={(value) => setDays(typeof value === 'number' ? value : null)}
              maw={420}
            />
            <Button
              variant="default"
              loading={save.isPending}
              disabled={shownDays === data.searchLogDays || shownDays < 7 || shownDays > 3650}
              onClick={() => save.mutate({ searchLogDays: shownDays })}
            >
              {t('common:actions.save')}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}
