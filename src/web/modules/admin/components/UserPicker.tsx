import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useUserSearch } from '../queries';

interface UserPickerProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  /** Name of the already selected user, shown before any search ran. */
  selectedLabel?: string | null;
  placeholder?: string;
}

/** Searchable person selector backed by the server, for organisations with thousands of users. */
export function UserPicker({ label, value, onChange, selectedLabel, placeholder }: UserPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Record<string, string>>(
    value && selectedLabel ? { [value]: selectedLabel } : {},
  );
  const users = useUserSearch(debounced);

  const options = new Map<string, string>();
  if (value && known[value]) options.set(value, known[value]);
  for (const user of users.data?.items ?? []) options.set(user.id, user.displayName);

  return (
    <Select
      label={label}
      placeholder={placeholder ?? t('admin:picker.searchPerson')}
      searchable
      clearable
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      data={[...options].map(([id, name]) => ({ value: id, label: name }))}
      filter={({ options: all }) => all}
      nothingFoundMessage={users.isFetching ? t('common:states.loading') : t('common:states.nothingFound')}
      onChange={(id, option) => {
        if (id && option) setKnown((current) => ({ ...current, [id]: option.label }));
        onChange(id);
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
