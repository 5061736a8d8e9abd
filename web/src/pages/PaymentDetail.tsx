import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.ts';
import { Choices } from '../components/Choices.tsx';
import { ErrorBanner, useErrorText } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { deliveryStatusKey } from '../components/DeliveryTable.tsx';
import { AutoCancelNote, ModeBadge, PaymentStatusBadge } from '../components/PaymentBits.tsx';
import { formatDateTime, formatWon } from '../format.ts';
import type { PaymentDetail as Detail, TimelineEntry } from '../payments.ts';
import { href, navigate } from '../router.ts';
import { useAction } from '../useAction.ts';
import { useLoad } from '../useLoad.ts';

/** One payment: what it is, its cancels, the cancel form (owners and admins), and its timeline. */
export function PaymentDetail({ storeId, paymentId, canCancel }: { storeId: string; paymentId: string; canCancel: boolean }) {
  const { t, i18n } = useTranslation();
  const path = `/stores/${storeId}/payments/${encodeURIComponent(paymentId)}`;
  const loaded = useLoad(() => api.get<Detail>(path), path);
  const [written, setWritten] = useState<Detail>();
  const payment = written ?? loaded.data;
  const won = (amount: number) => formatWon(amount, i18n.language);

  return (
    <section>
      <p>
        <a href={href('payments')} onClick={(e) => (e.preventDefault(), navigate('payments'))}>
          {t('paymentDetail.back')}
        </a>
      </p>
      <ErrorBanner error={loaded.error} />
      {!payment && !loaded.error && <p className="muted">{t('loading')}</p>}
      {payment && (
        <>
          <div className="page-head">
            <h1 className="payment-title">
              <code data-testid="payment-id">{payment.paymentId}</code>
            </h1>
            <div className="actions">
              <PaymentStatusBadge status={payment.status} />
              {payment.channel && <ModeBadge mode={payment.channel.mode} />}
            </div>
          </div>
          {payment.autoCancel && (
            <div className="callout warn" role="note" data-testid="auto-cancel-callout">
              <AutoCancelNote autoCancel={payment.autoCancel} />
              <div className="small-label">{t('autoCancel.lead')}</div>
            </div>
          )}
          <h2>{t('paymentDetail.summary')}</h2>
          <dl className="facts" data-testid="payment-summary">
            <dt>{t('paymentDetail.orderName')}</dt>
            <dd>{payment.orderName || '—'}</dd>
            <dt>{t('paymentDetail.totalAmount')}</dt>
            <dd>{won(payment.amount.total)}</dd>
            <dt>{t('paymentDetail.cancelledAmount')}</dt>
            <dd data-testid="cancelled-amount">{won(payment.amount.cancelled)}</dd>
            <dt>{t('paymentDetail.cancellableAmount')}</dt>
            <dd data-testid="cancellable-amount">{won(payment.amount.cancellable)}</dd>
            <dt>{t('paymentDetail.method')}</dt>
            <dd>
              {payment.card ? (
                <>
                  {t('paymentDetail.card')} <code>{payment.card.maskedNumber ?? '—'}</code> {payment.card.issuerName}
                </>
              ) : payment.virtualAccount ? (
                <>
                  {t('paymentDetail.virtualAccount')} {payment.virtualAccount.bank} <code>{payment.virtualAccount.accountNumber}</code>
                </>
              ) : (
                '—'
              )}
            </dd>
            {payment.approvalNumber && (
              <>
                <dt>{t('paymentDetail.approvalNumber')}</dt>
                <dd>{payment.approvalNumber}</dd>
              </>
            )}
            {payment.installmentMonths !== null && (
              <>
                <dt>{t('paymentDetail.installment')}</dt>
                <dd>{payment.installmentMonths === 0 ? t('paymentDetail.lumpSum') : t('paymentDetail.months', { count: payment.installmentMonths })}</dd>
              </>
            )}
            <dt>{t('paymentDetail.channel')}</dt>
            <dd>{payment.channel ? `${payment.channel.name} (${t(`channels.${payment.channel.pgProvider}`, { defaultValue: payment.channel.pgProvider })})` : '—'}</dd>
            <dt>{t('paymentDetail.requestedAt')}</dt>
            <dd>{formatDateTime(payment.requestedAt, i18n.language)}</dd>
            {payment.paidAt && (
              <>
                <dt>{t('paymentDetail.paidAt')}</dt>
                <dd>{formatDateTime(payment.paidAt, i18n.language)}</dd>
              </>
            )}
            {payment.pgTxId && (
              <>
                <dt>{t('paymentDetail.pgTxId')}</dt>
                <dd>
                  <code>{payment.pgTxId}</code>
                </dd>
              </>
            )}
            {payment.failure && (
              <>
                <dt>{t('paymentDetail.failure')}</dt>
                <dd>
                  {payment.failure.reason} {payment.failure.pgCode && <code>{payment.failure.pgCode}</code>}
                </dd>
              </>
            )}
          </dl>

          {payment.amount.cancellable > 0 &&
            (canCancel ? (
              <CancelForm storeId={storeId} payment={payment} onCancelled={setWritten} />
            ) : (
              <p className="muted">{t('paymentDetail.viewerNote')}</p>
            ))}

          <h2>{t('paymentDetail.cancellations')}</h2>
          {payment.cancellations.length === 0 ? (
            <p className="muted">{t('paymentDetail.noCancellations')}</p>
          ) : (
            <div className="table-wrap stack-on-phone">
              <table data-testid="cancellations">
                <thead>
                  <tr>
                    <th>{t('payments.requestedAt')}</th>
                    <th className="num">{t('payments.amount')}</th>
                    <th>{t('paymentDetail.reason')}</th>
                    <th>{t('payments.status')}</th>
                    <th>{t('paymentDetail.trigger')}</th>
                  </tr>
                </thead>
                <tbody>
                  {payment.cancellations.map((c) => (
                    <tr key={c.id}>
                      <td data-label={t('payments.requestedAt')} className="nowrap">
                        {formatDateTime(c.requestedAt, i18n.language)}
                      </td>
                      <td data-label={t('payments.amount')} className="num nowrap">
                        {won(c.amount)}
                      </td>
                      <td data-label={t('paymentDetail.reason')}>{c.reason}</td>
                      <td data-label={t('payments.status')}>{t(`paymentDetail.cancellationStatus.${c.status}`)}</td>
                      <td data-label={t('paymentDetail.trigger')}>{c.trigger === 'PG' ? t('paymentDetail.triggerPG') : t('paymentDetail.triggerAPI')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2>{t('paymentDetail.timeline')}</h2>
          <p className="muted">{t('paymentDetail.timelineLead')}</p>
          <ol className="event-list" data-testid="payment-timeline">
            {payment.timeline.map((entry, index) => (
              <TimelineItem key={index} entry={entry} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function CancelForm({ storeId, payment, onCancelled }: { storeId: string; payment: Detail; onCancelled: (detail: Detail) => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const action = useAction();
  const [kind, setKind] = useState<'full' | 'partial'>('full');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  const [done, setDone] = useState<string>();
  const won = (value: number) => formatWon(value, i18n.language);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(undefined);
    const partialAmount = Number(amount.replace(/[,\s원]/g, ''));
    const found: typeof errors = {};
    if (kind === 'partial' && !(Number.isSafeInteger(partialAmount) && partialAmount > 0 && partialAmount <= payment.amount.cancellable)) {
      found.amount = t('paymentDetail.amountInvalid');
    }
    if (!reason.trim()) found.reason = t('paymentDetail.reasonMissing');
    setErrors(found);
    if (found.amount || found.reason) return document.getElementById(found.amount ? 'cancel-amount' : 'cancel-reason')?.focus();
    const cancelAmount = kind === 'partial' ? partialAmount : payment.amount.cancellable;
    if (!window.confirm(t('paymentDetail.confirmCancel', { amount: won(cancelAmount) }))) return;
    void action.run(
      async () => {
        const body = { reason: reason.trim(), ...(kind === 'partial' ? { amount: partialAmount } : {}) };
        const detail = await api.post<Detail>(`/stores/${storeId}/payments/${encodeURIComponent(payment.paymentId)}/cancel`, body);
        onCancelled(detail);
        setDone(t('paymentDetail.cancelled', { amount: won(cancelAmount) }));
        setAmount('');
        setReason('');
        setKind('full');
      },
      (failure) => {
        if (!(failure instanceof ApiError && (failure.field === 'amount' || failure.field === 'reason'))) return false;
        setErrors({ [failure.field]: errorText(failure) });
        return true;
      },
    );
  };

  return (
    <form className="panel stack" onSubmit={submit} noValidate data-testid="cancel-form">
      <h2>{t('paymentDetail.cancelTitle')}</h2>
      <p className="muted">{t('paymentDetail.cancelLead')}</p>
      <ErrorBanner error={action.error} />
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      <Choices
        id="cancel-kind"
        legend={t('paymentDetail.cancelKind')}
        type="radio"
        value={kind}
        onChange={(value) => setKind(value === 'partial' ? 'partial' : 'full')}
        options={[
          { value: 'full', label: t('paymentDetail.full'), hint: won(payment.amount.cancellable) },
          { value: 'partial', label: t('paymentDetail.partial') },
        ]}
      />
      {kind === 'partial' && (
        <Field
          id="cancel-amount"
          label={t('paymentDetail.cancelAmount')}
          inputMode="numeric"
          autoComplete="off"
          hint={t('paymentDetail.cancelAmountHint', { amount: won(payment.amount.cancellable) })}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={errors.amount}
        />
      )}
      <Field
        id="cancel-reason"
        label={t('paymentDetail.reason')}
        hint={t('paymentDetail.reasonHint')}
        maxLength={200}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors.reason}
      />
      <div className="actions">
        <button type="submit" className="button danger" disabled={action.busy}>
          {t('paymentDetail.submitCancel')}
        </button>
      </div>
    </form>
  );
}

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  // Seconds: a payment's events are often within one minute.
  const at = formatDateTime(entry.at, i18n.language, { seconds: true });
  const won = (amount: number) => formatWon(amount, i18n.language);
  const item = (title: string, tone: string, details?: ReactNode) => (
    <li className={`event ${tone}`} data-kind={entry.kind}>
      <span className="event-time nowrap muted">{at}</span>
      <div className="event-body">
        <strong>{title}</strong>
        {details}
      </div>
    </li>
  );
  switch (entry.kind) {
    case 'REQUESTED':
      return item(t('timeline.REQUESTED'), '');
    case 'PAID':
      return item(t('timeline.PAID'), 'good');
    case 'FAILED':
      return item(t('timeline.FAILED'), 'bad', <span className="small-label">{[entry.reason, entry.pgCode].filter(Boolean).join(' · ')}</span>);
    case 'PG_CALL': {
      const outcome = entry.outcome ? t(`timeline.outcome.${entry.outcome}`) : t('timeline.outcome.pending');
      const operation = t(`timeline.operations.${entry.operation}`, { defaultValue: entry.operation });
      const facts = [
        outcome,
        entry.amount !== null ? won(entry.amount) : null,
        entry.pgCode ? `${entry.pgCode}${entry.pgMessage ? ` ${entry.pgMessage}` : ''}` : null,
        entry.unknownCause,
        entry.durationMs !== null ? t('timeline.duration', { ms: entry.durationMs }) : null,
      ].filter(Boolean);
      return item(t('timeline.pgCall', { operation }), entry.outcome === 'approved' ? 'good' : entry.outcome === 'declined' ? 'bad' : '', <span className="small-label">{facts.join(' · ')}</span>);
    }
    case 'NOTIFICATION':
      return item(t('timeline.notification', { kind: t(`timeline.notifications.${entry.notificationKind}`, { defaultValue: entry.notificationKind }) }), '');
    case 'CANCELLATION':
      return item(
        t('timeline.cancellation', { status: t(`paymentDetail.cancellationStatus.${entry.status}`), amount: won(entry.amount) }),
        entry.status === 'FAILED' ? 'bad' : '',
        <span className="small-label">
          {entry.reason} · {entry.trigger === 'PG' ? t('paymentDetail.triggerPG') : t('paymentDetail.triggerAPI')}
        </span>,
      );
    case 'WEBHOOK':
      return item(
        t('timeline.webhook', { event: entry.eventType }),
        entry.status === 'DELIVERED' ? 'good' : entry.status === 'GAVE_UP' ? 'bad' : '',
        <>
          <span className="small-label">
            {t(`deliveries.statuses.${deliveryStatusKey(entry.status, entry.attempts.length)}`)} · <span className="break">{entry.url}</span>
          </span>
          {entry.attempts.length === 0 ? (
            <span className="small-label muted">{t('timeline.noAttempts')}</span>
          ) : (
            <ul className="attempts">
              {entry.attempts.map((a, index) => (
                <li key={index} className={a.httpStatus !== null && a.httpStatus >= 200 && a.httpStatus < 300 ? 'ok' : 'field-error'}>
                  {t('timeline.attempt', {
                    at: formatDateTime(a.at, i18n.language, { seconds: true }),
                    answer: a.httpStatus !== null ? `HTTP ${a.httpStatus}` : (a.error ?? t('timeline.noAnswer')),
                  })}{' '}
                  <span className="muted">({t('timeline.duration', { ms: a.durationMs })})</span>
                </li>
              ))}
            </ul>
          )}
        </>,
      );
  }
}
