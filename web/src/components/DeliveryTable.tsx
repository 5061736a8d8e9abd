import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format.ts';
import { paymentPath, type WebhookDelivery } from '../payments.ts';
import { href, navigate } from '../router.ts';

/** The last answer of a delivery: its HTTP status, the error, or "not sent yet". */
export function useAnswerText() {
  const { t } = useTranslation();
  return (delivery: Pick<WebhookDelivery, 'lastHttpStatus' | 'lastError' | 'attemptCount'>) =>
    delivery.attemptCount === 0 ? t('deliveries.notYet') : delivery.lastHttpStatus !== null ? `HTTP ${delivery.lastHttpStatus}` : (delivery.lastError ?? t('timeline.noAnswer'));
}

const tone = { DELIVERED: 'live', PENDING: 'test', GAVE_UP: 'danger' } as const;

/** A pending row not tried yet is queued, not retrying. */
export const deliveryStatusKey = (status: WebhookDelivery['status'], attempts: number) => (status === 'PENDING' && attempts === 0 ? 'QUEUED' : status);

/** 웹훅 전송 기록 rows; `onResend` adds the 재전송 button. On a phone each row is a card. */
export function DeliveryTable({ items, onResend, busy }: { items: WebhookDelivery[]; onResend?: (delivery: WebhookDelivery) => void; busy?: boolean }) {
  const { t, i18n } = useTranslation();
  const answer = useAnswerText();
  return (
    <div className="table-wrap stack-on-phone">
      <table data-testid="delivery-log">
        <thead>
          <tr>
            <th>{t('deliveries.createdAt')}</th>
            <th>{t('deliveries.event')}</th>
            <th>{t('deliveries.paymentId')}</th>
            <th>{t('deliveries.status')}</th>
            <th>{t('deliveries.attempts')}</th>
            <th>{t('deliveries.lastAnswer')}</th>
            {onResend && <th>
              <span className="sr-only">{t('deliveries.resend')}</span>
            </th>}
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id} data-testid={`delivery-${d.id}`}>
              <td data-label={t('deliveries.createdAt')} className="nowrap">
                {formatDateTime(d.createdAt, i18n.language)}
              </td>
              <td data-label={t('deliveries.event')}>
                <code>{d.eventType}</code> {d.apiVersion === 'V1' && <span className="badge muted-badge">V1</span>}
                <div className="muted small-label event-url" title={d.url}>
                  {d.url}
                </div>
              </td>
              <td data-label={t('deliveries.paymentId')}>
                {d.paymentId ? (
                  <a href={href(paymentPath(d.paymentId))} onClick={(e) => (e.preventDefault(), navigate(paymentPath(d.paymentId!)))}>
                    {d.paymentId}
                  </a>
                ) : (
                  '—'
                )}
              </td>
              <td data-label={t('deliveries.status')}>
                <span className={`badge ${d.attemptCount === 0 ? 'muted-badge' : tone[d.status]}`}>{t(`deliveries.statuses.${deliveryStatusKey(d.status, d.attemptCount)}`)}</span>
              </td>
              <td data-label={t('deliveries.attempts')}>{d.attemptCount}</td>
              <td data-label={t('deliveries.lastAnswer')} className={d.lastHttpStatus !== null && d.lastHttpStatus < 300 ? 'ok' : undefined}>
                {answer(d)}
              </td>
              {onResend && (
                <td className="row-actions">
                  <button type="button" className="button small" disabled={busy} aria-label={t('deliveries.resendLabel', { event: d.eventType })} onClick={() => onResend(d)}>
                    {t('deliveries.resend')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
