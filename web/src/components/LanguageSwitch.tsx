import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <button type="button" className="button small ghost" onClick={() => setLanguage(i18n.language === 'en' ? 'ko' : 'en')}>
      {t('switchLanguage')}
    </button>
  );
}
