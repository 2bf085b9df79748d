import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from '../app/language';
import { isAppLocale } from '../app/locale-resources';

/** FR / EN toggle; saves the choice on the device and, when signed in, on the profile. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' | 'md' }) {
  const { t, i18n } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <SegmentedControl
      size={size}
      value={i18n.language}
      aria-label={t('shell:language.label')}
      onChange={(value) => {
        if (isAppLocale(value)) void changeLanguage(value);
      }}
      data={[
        { value: 'fr', label: t('shell:language.frShort') },
        { value: 'en', label: t('shell:language.enShort') },
      ]}
    />
  );
}
