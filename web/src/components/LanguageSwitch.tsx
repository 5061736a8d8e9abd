import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n.ts';

/** Names the other language in that language ("English" / "한국어"). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'ko' : 'en';
  return (
    <button type="button" className="button small ghost" lang={other} onClick={() => setLanguage(other)}>
      {t('switchLanguage')}
    </button>
  );
}
