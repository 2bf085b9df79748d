import { ActionIcon, Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { palette } from './palette-store';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import classes from './SearchButton.module.css';

function shortcutLabel(): string {
  const platform = typeof navigator === 'undefined' ? '' : navigator.platform;
  return /Mac|iPhone|iPad/.test(platform) ? '⌘ K' : 'Ctrl K';
}

/** Opens the command palette: a fake search field on wide screens, an icon on phones. */
export function SearchButton() {
  const { t } = useTranslation();
  return (
    <>
      <UnstyledButton
        className={classes.search}
        onClick={() => palette.open()}
        visibleFrom="sm"
        aria-label={t('shell:search.open')}
      >
        <Group gap="xs" wrap="nowrap">
          <IconSearch size={16} stroke={1.6} />
          <Text size="sm" c="dimmed" style={{ flex: 1 }}>
            {t('shell:search.placeholderShort')}
          </Text>
          <Kbd size="xs">{shortcutLabel()}</Kbd>
        </Group>
      </UnstyledButton>
      <ActionIcon
        variant="default"
        size="lg"
        onClick={() => palette.open()}
        hiddenFrom="sm"
        aria-label={t('shell:search.open')}
      >
        <IconSearch size={18} stroke={1.6} />
      </ActionIcon>
    </>
  );
}
