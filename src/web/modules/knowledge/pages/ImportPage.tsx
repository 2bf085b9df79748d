import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  FileInput,
  Group,
  Progress,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, type ProblemFieldError } from '../../../app/api/client';
import { errorMessage } from '../../../app/error-message';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { importItems } from '../queries';

type LineError = { line: number | null; field: string; message: string; code?: string };
type State =
  | { phase: 'idle' }
  | { phase: 'sending'; percent: number }
  | { phase: 'done'; ids: string[] }
  | { phase: 'failed'; message: string; errors: LineError[] };

const EXAMPLE =
  '{"type":"answer","title":"Retard de livraison","body":"## Solution\\n…","lang":"fr","tags":["livraison"],"status":"draft"}';

/** `line 12.title` → line 12, field title (the server reports import problems per line). */
export function toLineErrors(errors: ProblemFieldError[] = []): LineError[] {
  return errors.map((error) => {
    const match = error.field.match(/^line (\d+)(?:\.(.+))?$/);
    return match
      ? { line: Number(match[1]), field: match[2] ?? '', message: error.message, code: error.code }
      : { line: null, field: error.field, message: error.message, code: error.code };
  });
}

/** Lines that are not JSON, found before sending (the server checks everything again). */
function localErrors(text: string, t: (key: string) => string): LineError[] {
  const errors: LineError[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    try {
      const value = JSON.parse(line);
      if (!value || typeof value !== 'object' || Array.isArray(value))
        errors.push({ line: index + 1, field: '', message: t('knowledge:import.notObject') });
    } catch {
      errors.push({ line: index + 1, field: '', message: t('knowledge:import.notJson') });
    }
  });
  return errors;
}

/** Import knowledge items from a .jsonl file (KB import): progress, and every invalid line by number. */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('knowledge:import.title'));
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [localIssues, setLocalIssues] = useState(0);
  const lines = text.split(/\r?\n/).filter((line) => line.trim()).length;
  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setState({ phase: 'idle' });
    const content = chosen ? await chosen.text() : '';
    setText(content);
    const errors = localErrors(content, t);
    setLocalIssues(errors.length);
    if (errors.length)
      setState({
        phase: 'failed',
        message: t('knowledge:import.localErrors', { count: errors.length }),
        errors,
      });
  };
  const send = async () => {
    setState({ phase: 'sending', percent: 0 });
    try {
      const result = await importItems(text, (percent) => setState({ phase: 'sending', percent }));
      setState({ phase: 'done', ids: result.ids });
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      setState({
        phase: 'failed',
        message:
          problem?.code === 'validation_failed'
            ? t('knowledge:import.serverErrors', { count: problem.errors?.length ?? 0 })
            : errorMessage(error, i18n),
        errors: toLineErrors(problem?.errors),
      });
    }
  };
  return (
    <Stack maw={1000} mx="auto" gap="md">
      <PageHeader
        title={t('knowledge:import.title')}
        description={t('knowledge:import.subtitle')}
        mb={0}
        actions={
          <Button variant="default" component={Link} to="/knowledge">
            {t('knowledge:import.back')}
          </Button>
        }
      />
      <Card withBorder>
        <Stack gap="sm">
          <FileInput
            label={t('knowledge:import.file')}
            placeholder={t('knowledge:import.choose')}
            accept=".jsonl,.ndjson,application/x-ndjson,application/jsonl"
            leftSection={<IconFileUpload size={16} />}
            value={file}
            onChange={choose}
            clearable
          />
          <Text size="sm" c="dimmed">
            {t('knowledge:import.format')}
          </Text>
          <ScrollArea type="auto">
            <Code block>{EXAMPLE}</Code>
          </ScrollArea>
          {file && <Text size="sm">{t('knowledge:import.lines', { count: lines })}</Text>}
          <Group>
            <Button
              onClick={send}
              disabled={!lines || state.phase === 'sending' || localIssues > 0}
              loading={state.phase === 'sending'}
            >
              {t('knowledge:import.submit', { count: lines })}
            </Button>
          </Group>
          {state.phase === 'sending' && (
            <Stack gap={4} data-testid="import-progress">
              <Progress value={state.percent} animated striped size="lg" />
              <Text size="xs" c="dimmed">
                {state.percent < 100
                  ? t('knowledge:import.uploading', { percent: state.percent })
                  : t('knowledge:import.processing')}
              </Text>
            </Stack>
          )}
        </Stack>
      </Card>
      {state.phase === 'done' && (
        <Alert color="teal" title={t('knowledge:import.done', { count: state.ids.length })}>
          <Stack gap={2}>
            {state.ids.slice(0, 10).map((id, index) => (
              <Anchor key={id} component={Link} to={`/knowledge/${id}`} size="sm">
                {t('knowledge:import.item', { line: index + 1 })}
              </Anchor>
            ))}
            {state.ids.length > 10 && <Text size="sm">…</Text>}
          </Stack>
        </Alert>
      )}
      {state.phase === 'failed' && (
        <Alert color="red" title={state.message} styles={{ body: { minWidth: 0 } }}>
          <Text size="sm" mb="xs">
            {t('knowledge:import.nothingImported')}
          </Text>
          {state.errors.length > 0 && (
            <Stack gap={4} data-testid="import-errors" component="ul" m={0} pl="md">
              {state.errors.map((error, index) => (
                <Text key={index} size="sm" component="li" style={{ overflowWrap: 'anywhere' }}>
                  <b>
                    {error.line !== null
                      ? t('knowledge:import.lineNumber', { line: error.line })
                      : t('knowledge:import.wholeFile')}
                  </b>
                  {error.field ? ` · ${t('knowledge:import.field')} ${error.field}` : ''} —{' '}
                  {error.code && i18n.exists(`knowledge:import.codes.${error.code}`)
                    ? t(`knowledge:import.codes.${error.code}`)
                    : error.message}
                </Text>
              ))}
            </Stack>
          )}
        </Alert>
      )}
    </Stack>
  );
}
