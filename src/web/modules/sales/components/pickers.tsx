import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { usePickerSearch, type PickerList, type Product } from '../queries';

type PickerProps = Omit<SelectProps, 'data' | 'onChange' | 'value'> & {
  value: string | null;
  onChange: (id: string | null, label?: string) => void;
  initialLabel?: string;
};

/** Searchable select over a list endpoint answering `{ items }` (server-side search as you type). */
function RemoteSelect({
  value,
  onChange,
  initialLabel,
  path,
  toOption,
  extra,
  ...props
}: PickerProps & {
  path: PickerList;
  toOption: (item: any) => { value: string; label: string };
  extra?: Record<string, string>;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const results = usePickerSearch(path, debounced, extra);
  const options = (results.data?.items ?? []).map(toOption);
  if (value && initialLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: initialLabel });
  return (
    <Select
      searchable
      clearable
      {...props}
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      onChange={(id) => onChange(id, options.find((o) => o.value === id)?.label)}
      nothingFoundMessage="—"
    />
  );
}

export const AccountPicker = (props: PickerProps) => (
  <RemoteSelect
    {...props}
    path="accounts"
    toOption={(a) => ({ value: a.id, label: a.city ? `${a.name} (${a.city})` : a.name })}
  />
);
export const ProductPicker = (props: PickerProps) => (
  <RemoteSelect
    {...props}
    path="products"
    extra={{ active: 'true' }}
    toOption={(p: Product) => ({ value: p.id, label: `${p.reference} · ${p.name}` })}
  />
);
export const ContactPicker = (props: PickerProps & { accountId?: string | null }) => (
  <RemoteSelect
    {...props}
    path="contacts"
    extra={props.accountId ? { accountId: props.accountId } : undefined}
    toOption={(c) => ({
      value: c.id,
      label: `${c.firstName ?? ''} ${c.lastName ?? ''}`.trim() || c.name || c.id,
    })}
  />
);
