import { useTranslation } from 'react-i18next';
import { ApiError, type Lang } from '../api.ts';

/** The message of a failed call in the current language. */
export function useErrorText() {
  const { i18n } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError) return error.text[(i18n.language as Lang) ?? 'ko'] ?? error.text.ko;
    return i18n.language === 'en' ? 'Could not reach paymux. Check the connection.' : 'paymux에 연결할 수 없습니다. 연결을 확인해 주세요.';
  };
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
