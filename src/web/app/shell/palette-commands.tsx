import type { ReactNode } from 'react';
import { IconLanguage, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useChangeLanguage } from '../language';
import { useSignOut } from '../session';

export interface PaletteCommand {
  id: string;
  label: string;
  icon: ReactNode;
  run: () => void;
}

/** Actions of the Ctrl+K palette that are not pages of a module. */
export function usePaletteCommands(): PaletteCommand[] {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const changeLanguage = useChangeLanguage();
  const signOut = useSignOut();
  const other = i18n.language === 'fr' ? 'en' : 'fr';
  return [
    {
      id: 'profile',
      label: t('shell:userMenu.profile'),
      icon: <IconUserCircle size={18} />,
      run: () => navigate('/profile'),
    },
    {
      id: 'language',
      label: t(other === 'en' ? 'shell:search.switchToEnglish' : 'shell:search.switchToFrench'),
      icon: <IconLanguage size={18} />,
      run: () => void changeLanguage(other),
    },
    {
      id: 'sign-out',
      label: t('shell:userMenu.signOut'),
      icon: <IconLogout size={18} />,
      run: () => void signOut().then(() => navigate('/login')),
    },
  ];
}
