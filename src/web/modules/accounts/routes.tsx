import { IconAddressBook, IconBuilding, IconForms } from '@tabler/icons-react';
import type { RouteObject } from 'react-router-dom';
import { RequireRole } from '../../app/guards';
import type { NavItem } from '../../app/module-types';
import { AccountDetailPage } from './AccountDetailPage';
import { AccountsListPage } from './AccountsListPage';
import { ContactDetailPage } from './ContactDetailPage';
import { ContactsListPage } from './ContactsListPage';
import { CustomFieldsPage } from './CustomFieldsPage';

/** Navigation entries and routes of accounts, contacts and custom fields, merged into the CRM module. */
export const accountsNav: NavItem[] = [
  { id: 'accounts', path: '/accounts', icon: IconBuilding, labelKey: 'crm:nav.accounts' },
  { id: 'contacts', path: '/contacts', icon: IconAddressBook, labelKey: 'crm:nav.contacts' },
];
export const customFieldsNav: NavItem = {
  id: 'custom-fields',
  path: '/admin/custom-fields',
  icon: IconForms,
  labelKey: 'accounts:customFields.nav',
  roles: ['admin'],
};

export const accountsRoutes: RouteObject[] = [
  { path: '/accounts', element: <AccountsListPage /> },
  { path: '/accounts/:id', element: <AccountDetailPage /> },
  { path: '/contacts', element: <ContactsListPage /> },
  { path: '/contacts/:id', element: <ContactDetailPage /> },
  {
    path: '/admin/custom-fields',
    element: (
      <RequireRole roles={['admin']}>
        <CustomFieldsPage />
      </RequireRole>
    ),
  },
];

/** Inserts accounts and contacts after the dashboard entry (or first), and the admin custom fields last. */
export function withAccountsNav(items: NavItem[]): NavItem[] {
  const rest = items.filter((item) => !['accounts', 'contacts', 'custom-fields'].includes(item.id));
  const at = rest.findIndex((item) => item.id === 'dashboard') + 1;
  return [...rest.slice(0, at), ...accountsNav, ...rest.slice(at), customFieldsNav];
}
