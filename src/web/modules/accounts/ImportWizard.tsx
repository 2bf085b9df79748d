import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  Radio,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
} from '@mantine/core';
import { IconCheck, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api/client';
import { notifyError } from '../../app/notify';
import {
  importProgress,
  keys,
  previewContactImport,
  startContactImport,
  type ImportPreview,
  type ImportProgress,
  type RowError,
} from './queries';

type Mode = 'all_or_nothing' | 'skip_invalid';

/** CSV (upload → mapping with preview → mode → progress → report) and vCard (upload → mode → progress → report) import. */
export function ImportWizard({ kind, onClose }: { kind: 'csv' | 'vcf' | null; onClose: () => void }) {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<Mode>('skip_invalid');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const csv = kind === 'csv';
  useEffect(() => {
    if (kind) {
      setStep(0);
      setFile(null);
      setText('');
      setPreview(null);
      setProgress(null);
      setMapping({});
    }
  }, [kind]);

  // The file's bytes go as they are: the server detects their encoding (Excel saves Windows-1252).
  const loadPreview = async (content: File, map?: Record<string, string>) => {
    setBusy(true);
    try {
      const result = await previewContactImport(content, map);
      setPreview(result);
      if (!map) setMapping(result.mapping);
      return true;
    } catch (error) {
      notifyError(error);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const upload = async () => {
    if (!file) return;
    if (csv) {
      if (await loadPreview(file)) setStep(1);
      return;
    }
    setText(await file.text());
    setStep(1);
  };
  const poll = async (id: string) => {
    for (;;) {
      const state = await importProgress(id);
      setProgress(state);
      if (state.status !== 'running') return state;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  };
  const start = async () => {
    setStep(csv ? 3 : 2);
    setBusy(true);
    try {
      const started = await startContactImport(
        csv ? { kind: 'csv', file: file!, mapping, mode } : { kind: 'vcf', text, mode },
      );
      setProgress(started);
      await poll(started.id);
      void queryClient.invalidateQueries({ queryKey: keys.contacts });
      void queryClient.invalidateQueries({ queryKey: keys.accounts });
    } catch (error) {
      if (isApiError(error) && Array.isArray(error.problem.errors))
        setProgress({
          id: '',
          mode,
          status: 'failed',
          total: 0,
          processed: 0,
          created: 0,
          skipped: 0,
          accountsCreated: 0,
          errors: error.problem.errors as RowError[],
        });
      else notifyError(error);
    } finally {
      setBusy(false);
      setStep(csv ? 4 : 3);
    }
  };
  const percent = progress && progress.total ? Math.round((progress.processed / progress.total) * 100) : 0;
  const errorsTable = (errors: RowError[]) => (
    <ScrollArea.Autosize mah={220} type="auto">
      <Table fz="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.row')}</Table.Th>
            <Table.Th>{t('import.field')}</Table.Th>
            <Table.Th>{t('import.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.slice(0, 500).map((e, i) => (
            <Table.Tr key={i}>
              <Table.Td>{e.row}</Table.Td>
              <Table.Td>{t(`importFields.${e.field}`, { defaultValue: e.field })}</Table.Td>
              <Table.Td>{t(`importErrors.${e.code}`, { defaultValue: e.message })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
  const modeStep = (
    <Stack gap="sm">
      <Radio.Group value={mode} onChange={(v) => setMode(v as Mode)} label={t('import.mode')}>
        <Stack gap="xs" mt="xs">
          <Radio
            value="skip_invalid"
            label={t('import.skipInvalid')}
            description={t('import.skipInvalidHelp')}
          />
          <Radio
            value="all_or_nothing"
            label={t('import.allOrNothing')}
            description={t('import.allOrNothingHelp')}
          />
        </Stack>
      </Radio.Group>
      <Group justify="flex-end">
        <Button onClick={() => void start()}>{t('import.start')}</Button>
      </Group>
    </Stack>
  );
  const progressStep = (
    <Stack gap="sm">
      <Text size="sm">
        {t('import.progress', { processed: progress?.processed ?? 0, total: progress?.total ?? 0 })}
      </Text>
      <Progress value={percent} size="xl" animated={busy} aria-label={t('import.progressLabel')} />
    </Stack>
  );
  const reportStep = progress && (
    <Stack gap="sm">
      {progress.status === 'done' ? (
        <Alert color="teal" icon={<IconCheck />}>
          {t('import.doneSummary', {
            created: progress.created,
            skipped: progress.skipped,
            accounts: progress.accountsCreated,
          })}
        </Alert>
      ) : (
        <Alert color="red">
          {t('import.failedSummary', { count: new Set(progress.errors.map((e) => e.row)).size })}
        </Alert>
      )}
      {progress.errors.length > 0 && errorsTable(progress.errors)}
      <Group justify="flex-end">
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Stack>
  );

  return (
    <Modal
      opened={kind !== null}
      onClose={busy ? () => undefined : onClose}
      title={csv ? t('import.csvTitle') : t('import.vcfTitle')}
      size="xl"
      fullScreen={typeof window !== 'undefined' && window.innerWidth < 600}
    >
      <Stepper active={step} size="xs" allowNextStepsSelect={false} wrap>
        <Stepper.Step label={t('import.stepFile')}>
          <Stack gap="sm" mt="md">
            <Text size="sm" c="dimmed">
              {csv ? t('import.csvHelp') : t('import.vcfHelp')}
            </Text>
            <FileInput
              leftSection={<IconUpload size={16} />}
              label={t('import.file')}
              accept={csv ? '.csv,text/csv' : '.vcf,text/vcard'}
              value={file}
              onChange={setFile}
              clearable
            />
            <Group justify="flex-end">
              <Button disabled={!file} loading={busy} onClick={() => void upload()}>
                {t('common.next')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
        {csv && (
          <Stepper.Step label={t('import.stepMapping')}>
            {preview && (
              <Stack gap="sm" mt="md">
                <Group gap="xs">
                  <Badge variant="light">{t('import.rows', { count: preview.totalRows })}</Badge>
                  <Badge color="teal" variant="light">
                    {t('import.valid', { count: preview.validRows })}
                  </Badge>
                  {preview.errors.length > 0 && (
                    <Badge color="red" variant="light">
                      {t('import.invalid', { count: preview.totalRows - preview.validRows })}
                    </Badge>
                  )}
                  <Badge color="gray" variant="outline">
                    {t('import.encoding', {
                      name: t(
                        `import.encodingNames.${preview.encoding.toLowerCase().replace(/[^a-z0-9]/g, '')}`,
                        { defaultValue: preview.encoding },
                      ),
                    })}
                  </Badge>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs">
                  {preview.fields.map((field) => (
                    <Select
                      key={field}
                      size="xs"
                      clearable
                      label={t(`importFields.${field}`)}
                      data={preview.headers}
                      value={mapping[field] ?? null}
                      onChange={(header) => {
                        const next = { ...mapping };
                        if (header) next[field] = header;
                        else delete next[field];
                        setMapping(next);
                        if (file) void loadPreview(file, next);
                      }}
                    />
                  ))}
                </SimpleGrid>
                <ScrollArea type="auto">
                  <Table fz="xs" striped withTableBorder>
                    <Table.Thead>
                      <Table.Tr>
                        {preview.headers.map((h) => (
                          <Table.Th key={h}>{h}</Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.sample.slice(0, 5).map((row, i) => (
                        <Table.Tr key={i}>
                          {preview.headers.map((h) => (
                            <Table.Td key={h}>{row[h]}</Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea>
                {preview.newAccounts.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('import.newAccounts', {
                      count: preview.newAccounts.length,
                      names: preview.newAccounts.slice(0, 5).join(', '),
                    })}
                  </Text>
                )}
                {preview.errors.length > 0 && errorsTable(preview.errors)}
                <Group justify="space-between">
                  <Button variant="default" onClick={() => setStep(0)}>
                    {t('common.back')}
                  </Button>
                  <Button loading={busy} onClick={() => setStep(2)}>
                    {t('common.next')}
                  </Button>
                </Group>
              </Stack>
            )}
          </Stepper.Step>
        )}
        <Stepper.Step label={t('import.stepMode')}>
          <div style={{ marginTop: 16 }}>{modeStep}</div>
        </Stepper.Step>
        <Stepper.Step label={t('import.stepProgress')}>
          <div style={{ marginTop: 16 }}>{progressStep}</div>
        </Stepper.Step>
        <Stepper.Completed>
          <div style={{ marginTop: 16 }}>{reportStep}</div>
        </Stepper.Completed>
      </Stepper>
    </Modal>
  );
}
