import { useEffect, useMemo } from 'react';
import { AppShell, NavLink, ScrollArea } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { activeGroupId, appModules, visibleNavGroups } from '../modules';
import { useCurrentUser } from '../session';

/** Grouped navigation of every module; groups fold and the choice is remembered. */
export function Navigation() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const groups = useMemo(() => visibleNavGroups(appModules, user), [user]);
  const [closedGroups, setClosedGroups] = useLocalStorage<string[]>({
    key: 'relais.nav.closed',
    defaultValue: [],
  });
  const active = activeGroupId(groups, pathname);

  // Landing on a page of a folded group unfolds it, so the current page is always visible.
  useEffect(() => {
    if (active)
      setClosedGroups((closed) => (closed.includes(active) ? closed.filter((id) => id !== active) : closed));
  }, [active, setClosedGroups]);

  const toggle = (id: string) =>
    setClosedGroups((closed) =>
      closed.includes(id) ? closed.filter((item) => item !== id) : [...closed, id],
    );

  return (
    <AppShell.Section grow component={ScrollArea} px="xs" py="sm">
      <nav aria-label={t('shell:nav.label')}>
        {groups.map((group) => {
          const GroupIcon = group.icon;
          return (
            <NavLink
              key={group.id}
              label={t(group.labelKey)}
              leftSection={GroupIcon ? <GroupIcon size={18} stroke={1.6} /> : undefined}
              rightSection={<IconChevronRight size={14} />}
              opened={!closedGroups.includes(group.id)}
              onChange={() => toggle(group.id)}
              childrenOffset={14}
              fw={600}
              data-testid={`nav-group-${group.id}`}
              styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
            >
              {group.items.map((item) => {
                const Icon = item.icon;
                const matches = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
                // The most precise entry only: /knowledge/gaps is "Lacunes", not also "Base de connaissances".
                const isActive =
                  matches(item.path) &&
                  !group.items.some((other) => other.path.length > item.path.length && matches(other.path));
                return (
                  <NavLink
                    key={item.id}
                    component={Link}
                    to={item.path}
                    label={t(item.labelKey)}
                    leftSection={<Icon size={18} stroke={1.5} />}
                    active={isActive}
                    aria-current={isActive ? 'page' : undefined}
                    py={6}
                    styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
                  />
                );
              })}
            </NavLink>
          );
        })}
      </nav>
    </AppShell.Section>
  );
}
