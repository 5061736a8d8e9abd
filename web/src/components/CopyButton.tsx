import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyButton({ value, label }: { value: string; label?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // clipboard access can be refused (insecure origin); the value stays selectable on screen
    }
  };
  return (
    <button type="button" className="button small ghost" onClick={copy} aria-label={label ? `${t('revealed.copy')}: ${label}` : undefined}>
      {copied ? t('revealed.copied') : t('revealed.copy')}
    </button>
  );
}
