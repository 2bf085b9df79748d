import { Suspense, useEffect } from 'react';
import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet, useLocation, useNavigationType } from 'react-router-dom';
import { FullPageLoader } from '../../components/FullPageLoader';
import { OutboxSync } from '../../modules/sales/outbox/OutboxSync';
import { OfflineSync } from '../offline/OfflineSync';
import { useCurrentUser } from '../session';
import { CommandPalette } from './CommandPalette';
import { Navigation } from './Navigation';
import { ShellHeader } from './ShellHeader';

/** Signed-in layout: header, grouped navigation (a drawer on phones) and the page. */
export function AppLayout() {
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const me = useCurrentUser();

  // Following a link (or going back) closes the phone's drawer; a redirect does not: the landing
  // redirect can settle after sign-in, and it closed the menu a person had just opened.
  useEffect(() => {
    if (navigationType !== 'REPLACE') close();
  }, [pathname, navigationType, close]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 272, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <ShellHeader navOpened={navOpened} onToggleNav={toggle} />
      </AppShell.Header>
      <AppShell.Navbar>
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<FullPageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <CommandPalette />
      <OfflineSync userId={me.id} />
      <OutboxSync userId={me.id} />
    </AppShell>
  );
}
