import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconLanguage, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useChangeLanguage } from '../language';
import { SUPPORTED_LOCALES } from '../locale-resources';
import { useCurrentUser, useSignOut } from '../session';

export function initials(firstName: string, lastName: string, fallback: string): string {
  const letters = `${firstName.trim().charAt(0)}${lastName.trim().charAt(0)}`.toUpperCase();
  return letters || fallback.trim().charAt(0).toUpperCase();
}

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const changeLanguage = useChangeLanguage();

  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell:userMenu.open')} data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar color="blue" radius="xl" size={34}>
              {initials(user.firstName, user.lastName, user.displayName)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" maw={160} truncate>
              {user.displayName}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {user.displayName}
          </Text>
          <Group gap={6} mt={4}>
            <Badge size="xs" variant="light">
              {t(`common:roles.${user.role}`)}
            </Badge>
            {user.teamName && (
              <Text size="xs" c="dimmed" truncate>
                {user.teamName}
              </Text>
            )}
          </Group>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/profile" leftSection={<IconUserCircle size={16} />}>
          {t('shell:userMenu.profile')}
        </Menu.Item>
        <Menu.Label>
          <Group gap={6}>
            <IconLanguage size={14} />
            {t('shell:language.label')}
          </Group>
        </Menu.Label>
        {SUPPORTED_LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            onClick={() => void changeLanguage(locale)}
            rightSection={i18n.language === locale ? <IconCheck size={14} /> : null}
            lang={locale}
          >
            {t(`shell:language.${locale}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => void signOut().then(() => navigate('/login'))}
          data-testid="sign-out"
        >
          {t('shell:userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
