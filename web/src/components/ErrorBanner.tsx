import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

/** The message of a failed call in the current language. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => (error instanceof ApiError ? error.text[i18n.language === 'en' ? 'en' : 'ko'] : t('unreachable'));
}

export function ErrorBanner({ error }: { error: unknown }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      {text(error)}
    </div>
  );
}
