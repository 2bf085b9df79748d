import { useEffect, useMemo, useState } from 'react';
import { Loader } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { SEARCH_MAX_LENGTH } from '../../../common/limits';
import { appModules, visibleNavGroups } from '../modules';
import { useSearch } from '../queries';
import { useCurrentUser } from '../session';
import { groupSearchHits, matchesQuery, MIN_SEARCH_LENGTH } from './search-results';
import { usePaletteCommands } from './palette-commands';
import { paletteStore, selectFirstAction } from './palette-store';

/** Ctrl+K palette: live search across the platform plus navigation commands. */
export function CommandPalette() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const commands = usePaletteCommands();

  const search = useSearch(debounced, debounced.length >= MIN_SEARCH_LENGTH);

  const pages = useMemo(
    () =>
      visibleNavGroups(appModules, user).flatMap((group) =>
        group.items.map((item) => ({ item, group: t(group.labelKey) })),
      ),
    [user, t],
  );
  const matchingPages = pages.filter(({ item, group }) => matchesQuery(query, t(item.labelKey), group));
  const matchingCommands = commands.filter((command) => matchesQuery(query, command.label));
  const hitGroups = debounced.length >= MIN_SEARCH_LENGTH ? groupSearchHits(search.data?.items ?? []) : [];

  const open = (url: string) => {
    if (url.startsWith('/')) navigate(url);
    else window.location.assign(url);
  };

  const nothing = hitGroups.length === 0 && matchingPages.length === 0 && matchingCommands.length === 0;

  // The first result is preselected, so Enter opens it; it changes whenever the results do.
  const firstResult =
    hitGroups[0]?.items[0]?.id ?? matchingPages[0]?.item.path ?? matchingCommands[0]?.id ?? '';
  const listSignature = `${query}|${firstResult}|${hitGroups.length}`;
  useEffect(() => {
    if (query.trim() && firstResult) selectFirstAction();
  }, [listSignature]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut="mod + K"
      tagsToIgnore={[]}
      scrollable
      maxHeight={480}
    >
      <Spotlight.Search
        placeholder={t('shell:search.placeholder')}
        leftSection={<IconSearch size={18} stroke={1.5} />}
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
        aria-label={t('shell:search.placeholder')}
        maxLength={SEARCH_MAX_LENGTH}
      />
      <Spotlight.ActionsList>
        {hitGroups.map((group) => (
          <Spotlight.ActionsGroup
            key={group.type}
            label={t(`shell:search.types.${group.type}`, { defaultValue: group.type })}
          >
            {group.items.map((hit) => (
              <Spotlight.Action
                key={`${hit.type}:${hit.id}`}
                label={hit.title}
                description={hit.subtitle ?? undefined}
                highlightQuery
                onClick={() => open(hit.url)}
              />
            ))}
          </Spotlight.ActionsGroup>
        ))}
        {matchingPages.length > 0 && (
          <Spotlight.ActionsGroup label={t('shell:search.pages')}>
            {matchingPages.map(({ item, group }) => {
              const Icon = item.icon;
              return (
                <Spotlight.Action
                  key={item.path}
                  label={t(item.labelKey)}
                  description={group}
                  leftSection={<Icon size={18} stroke={1.5} />}
                  onClick={() => navigate(item.path)}
                />
              );
            })}
          </Spotlight.ActionsGroup>
        )}
        {matchingCommands.length > 0 && (
          <Spotlight.ActionsGroup label={t('shell:search.commands')}>
            {matchingCommands.map((command) => (
              <Spotlight.Action
                key={command.id}
                label={command.label}
                leftSection={command.icon}
                onClick={command.run}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {nothing && (
          <Spotlight.Empty>
            {search.isFetching ? t('shell:search.searching') : t('shell:search.nothingFound')}
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
