import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton.tsx';

/** A secret shown once, right after it was made; the server never returns it again. */
export function Revealed({ label, value, onClose }: { label: string; value: string; onClose: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  // Bring it into view: it may appear far from the button that made it (e.g. on a phone).
  useEffect(() => {
    box.current?.focus();
  }, [value]);
  return (
    <div className="revealed" role="status" tabIndex={-1} ref={box}>
      <strong>{label}</strong>
      <p>{t('revealed.once')}</p>
      <div className="revealed-row">
        <code data-testid="revealed-secret">{value}</code>
        <CopyButton value={value} label={label} />
      </div>
      <button type="button" className="button small" onClick={onClose}>
        {t('revealed.close')}
      </button>
    </div>
  );
}
