import {
  ActionIcon,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type ActionDef } from '../queries';
import { fieldLabel } from '../field-names';

export type Leaf = { field: string; op: string; value?: unknown };
export type Flat = { mode: 'all' | 'any'; leaves: Leaf[] };
const OPS_BY_TYPE: Record<string, string[]> = {
  string: ['eq', 'neq', 'in', 'nin', 'contains', 'not_contains', 'changed', 'exists'],
  id: ['eq', 'neq', 'in', 'nin', 'changed', 'exists'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'changed', 'exists'],
  boolean: ['eq', 'changed', 'exists'],
  date: ['before', 'after', 'on_or_before', 'on_or_after', 'date_between', 'changed', 'exists'],
  strings: ['contains', 'not_contains', 'in', 'nin', 'changed', 'exists'],
  ids: ['contains', 'not_contains', 'in', 'nin', 'changed', 'exists'],
};

/** A tree the simple editor can show: one level of all/any over leaves; anything else stays JSON. */
export function toFlat(conditions: unknown): Flat | null {
  const node = conditions as any;
  if (!node || typeof node !== 'object') return null;
  const mode = 'all' in node ? 'all' : 'any' in node ? 'any' : null;
  if (!mode) return 'field' in node ? { mode: 'all', leaves: [node] } : null;
  const list = node[mode];
  return Array.isArray(list) && list.every((leaf: any) => leaf && typeof leaf === 'object' && 'field' in leaf)
    ? { mode, leaves: list }
    : null;
}
export const fromFlat = (flat: Flat) => ({ [flat.mode]: flat.leaves });

const parseList = (text: string, numeric: boolean) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => (numeric && !Number.isNaN(Number(v)) ? Number(v) : v));
const scalar = (text: string, type: string): unknown =>
  type === 'number' && text.trim() !== '' && !Number.isNaN(Number(text))
    ? Number(text)
    : type === 'boolean'
      ? text === 'true'
      : text;

function ValueInput({
  leaf,
  type,
  onChange,
}: {
  leaf: Leaf;
  type: string;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation();
  const v = leaf.value as any;
  if (leaf.op === 'exists')
    return (
      <Switch
        label={t('push:conditions.present')}
        checked={v !== false}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
    );
  if (leaf.op === 'in' || leaf.op === 'nin')
    return (
      <TextInput
        size="xs"
        placeholder="KY, PA"
        value={Array.isArray(v) ? v.join(', ') : ''}
        onChange={(e) => onChange(parseList(e.currentTarget.value, type === 'number'))}
        aria-label={t('push:conditions.value')}
        style={{ flex: 1, minWidth: 120 }}
      />
    );
  if (leaf.op === 'between' || leaf.op === 'date_between') {
    const pair = Array.isArray(v) ? v : ['', ''];
    const kind = leaf.op === 'between' ? 'number' : 'date';
    return (
      <Group gap={4} wrap="nowrap" style={{ flex: 1 }}>
        <TextInput
          size="xs"
          type={kind}
          value={pair[0] ?? ''}
          onChange={(e) =>
            onChange([scalar(e.currentTarget.value, kind === 'date' ? 'string' : 'number'), pair[1]])
          }
          aria-label={t('push:conditions.min')}
        />
        <TextInput
          size="xs"
          type={kind}
          value={pair[1] ?? ''}
          onChange={(e) =>
            onChange([pair[0], scalar(e.currentTarget.value, kind === 'date' ? 'string' : 'number')])
          }
          aria-label={t('push:conditions.max')}
        />
      </Group>
    );
  }
  if (leaf.op === 'changed') {
    const change = (v ?? {}) as { from?: unknown; to?: unknown };
    const set = (key: 'from' | 'to', text: string) => {
      const next = { ...change, [key]: text === '' ? undefined : scalar(text, type) };
      onChange(next.from === undefined && next.to === undefined ? undefined : next);
    };
    return (
      <Group gap={4} wrap="nowrap" style={{ flex: 1 }}>
        <TextInput
          size="xs"
          placeholder={t('push:conditions.from')}
          value={change.from === undefined ? '' : String(change.from)}
          onChange={(e) => set('from', e.currentTarget.value)}
        />
        <Text size="xs">→</Text>
        <TextInput
          size="xs"
          placeholder={t('push:conditions.to')}
          value={change.to === undefined ? '' : String(change.to)}
          onChange={(e) => set('to', e.currentTarget.value)}
        />
      </Group>
    );
  }
  const inputType = type === 'date' ? 'date' : type === 'number' ? 'number' : 'text';
  return (
    <TextInput
      size="xs"
      type={inputType}
      value={v === undefined ? '' : String(v)}
      onChange={(e) => onChange(scalar(e.currentTarget.value, type))}
      aria-label={t('push:conditions.value')}
      style={{ flex: 1, minWidth: 120 }}
    />
  );
}

/** Conditions builder: all/any over field–operator–value rows, or the JSON tree for not / rule references / nesting. */
export function ConditionsBuilder({
  action,
  value,
  onChange,
  json,
  onJson,
  error,
}: {
  action: ActionDef | undefined;
  value: unknown;
  onChange: (value: unknown) => void;
  json: string | null;
  onJson: (text: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const flat = json === null ? toFlat(value) : null;
  const fields = action?.fields ?? [];
  const typeOf = (field: string) => fields.find((f) => f.name === field)?.type ?? 'string';
  if (!flat) {
    return (
      <Stack gap={4}>
        <Textarea
          label={t('push:conditions.json')}
          description={t('push:conditions.jsonHint')}
          autosize
          minRows={5}
          ff="monospace"
          fz="xs"
          value={json ?? JSON.stringify(value, null, 2)}
          onChange={(e) => onJson(e.currentTarget.value)}
          error={error}
        />
        {toFlat(value) && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => onJson(null)}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('push:conditions.simple')}
          </Button>
        )}
      </Stack>
    );
  }
  const update = (next: Flat) => onChange(fromFlat(next));
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          {t('push:conditions.when')}
        </Text>
        <SegmentedControl
          size="xs"
          value={flat.mode}
          onChange={(mode) => update({ ...flat, mode: mode as Flat['mode'] })}
          data={[
            { value: 'all', label: t('push:conditions.all') },
            { value: 'any', label: t('push:conditions.any') },
          ]}
        />
      </Group>
      {flat.leaves.map((leaf, index) => {
        const type = typeOf(leaf.field);
        const setLeaf = (patch: Partial<Leaf>) =>
          update({ ...flat, leaves: flat.leaves.map((l, i) => (i === index ? { ...l, ...patch } : l)) });
        return (
          <Group key={index} gap={4} wrap="wrap" align="center">
            <Select
              size="xs"
              w={190}
              value={leaf.field}
              data={fields.map((f) => ({ value: f.name, label: fieldLabel(t, f.name) }))}
              onChange={(field) => setLeaf({ field: field ?? leaf.field })}
              aria-label={t('push:conditions.field')}
              searchable
            />
            <Select
              size="xs"
              w={150}
              value={leaf.op}
              allowDeselect={false}
              data={(OPS_BY_TYPE[type] ?? OPS_BY_TYPE.string).map((op) => ({
                value: op,
                label: t(`push:ops.${op}`),
              }))}
              onChange={(op) => setLeaf({ op: op ?? leaf.op, value: undefined })}
              aria-label={t('push:conditions.operator')}
            />
            <ValueInput leaf={leaf} type={type} onChange={(v) => setLeaf({ value: v })} />
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={() => update({ ...flat, leaves: flat.leaves.filter((_, i) => i !== index) })}
              aria-label={t('push:conditions.remove')}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        );
      })}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      <Group gap="xs">
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconPlus size={12} />}
          disabled={!fields.length}
          onClick={() =>
            update({
              ...flat,
              leaves: [
                ...flat.leaves,
                { field: fields[0].name, op: OPS_BY_TYPE[fields[0].type]?.[0] ?? 'eq' },
              ],
            })
          }
        >
          {t('push:conditions.add')}
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={() => onJson(JSON.stringify(value, null, 2))}>
          {t('push:conditions.advanced')}
        </Button>
      </Group>
    </Stack>
  );
}
