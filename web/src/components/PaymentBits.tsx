import { useTranslation } from 'react-i18next';
import type { AutoCancel, PaymentStatus } from '../payments.ts';

const statusTone: Record<PaymentStatus, string> = {
  READY: 'muted-badge',
  PAY_PENDING: 'muted-badge',
  VIRTUAL_ACCOUNT_ISSUED: 'muted-badge',
  PAID: 'live',
  FAILED: 'danger',
  PARTIAL_CANCELLED: 'test',
  CANCELLED: 'muted-badge',
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${statusTone[status]}`}>{t(`paymentStatus.${status}`)}</span>;
}

export function ModeBadge({ mode }: { mode: 'TEST' | 'LIVE' }) {
  const { t } = useTranslation();
  return <span className={`badge ${mode === 'TEST' ? 'test' : 'live'}`}>{t(`channels.${mode}`)}</span>;
}

/** When Hecto's test mode cancels a TEST payment: today 23:00–23:50, or overdue. */
export function AutoCancelNote({ autoCancel }: { autoCancel: AutoCancel | null }) {
  const { t } = useTranslation();
  if (!autoCancel) return null;
  const text = autoCancel.today ? t('autoCancel.today') : autoCancel.overdue ? t('autoCancel.overdue', { date: autoCancel.date }) : t('autoCancel.onDate', { date: autoCancel.date });
  return (
    <span className="auto-cancel" data-testid="auto-cancel">
      {text}
    </span>
  );
}
