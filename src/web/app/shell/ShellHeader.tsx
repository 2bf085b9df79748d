import { Burger, Group, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Logo } from '../../components/Logo';
import { NotificationBell } from '../../modules/push/NotificationBell';
import { SearchButton } from './SearchButton';
import { UserMenu } from './UserMenu';

export function ShellHeader({ navOpened, onToggleNav }: { navOpened: boolean; onToggleNav: () => void }) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={t(navOpened ? 'shell:header.closeMenu' : 'shell:header.openMenu')}
        />
        <UnstyledButton component={Link} to="/" aria-label={t('shell:header.home')}>
          <Logo size={26} />
        </UnstyledButton>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <SearchButton />
        <NotificationBell />
        <UserMenu />
      </Group>
    </Group>
  );
}
