import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton.tsx';

/** A secret shown once, right after it was made; it is never fetched again. */
export function Revealed({ label, value, onClose }: { label: string; value: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="revealed" role="status">
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
