import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { AutoCancelNote, ModeBadge, PaymentStatusBadge } from '../components/PaymentBits.tsx';
import { SelectField } from '../components/SelectField.tsx';
import type { Channel } from '../contract.ts';
import { formatDateTime, formatWon } from '../format.ts';
import { paymentPath, paymentStatuses, type Page, type PaymentItem } from '../payments.ts';
import { href, navigate } from '../router.ts';
import { useLoad } from '../useLoad.ts';

interface Filters {
  status: string;
  mode: string;
  channelId: string;
  from: string;
  until: string;
  search: string;
}

const noFilters: Filters = { status: '', mode: '', channelId: '', from: '', until: '', search: '' };
const pageSize = 20;

function queryOf(filters: Filters, page: number): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value.trim()) query.set(name, value.trim());
  query.set('page', String(page));
  query.set('size', String(pageSize));
  return query.toString();
}

/** 결제 내역: the store's payments with filters, search and pages. */
export function Payments({ storeId }: { storeId: string }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [applied, setApplied] = useState<Filters>(noFilters);
  const [page, setPage] = useState(0);
  const query = queryOf(applied, page);
  const payments = useLoad(() => api.get<Page<PaymentItem>>(`/stores/${storeId}/payments?${query}`), `${storeId}?${query}`);
  // Deleted channels too: their payments stay theirs and can still be filtered.
  const channels = useLoad(() => api.get<{ items: { id: string; name: string; mode: Channel['mode']; deleted: boolean }[] }>(`/stores/${storeId}/payment-channels`), storeId);
  const set = (name: keyof Filters) => (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
    setPage(0);
  };
  const reset = () => {
    setDraft(noFilters);
    setApplied(noFilters);
    setPage(0);
  };

  const data = payments.data;
  const total = data?.page.totalCount ?? 0;
  const open = (paymentId: string) => navigate(paymentPath(paymentId));

  return (
    <section>
      <h1>{t('payments.title')}</h1>
      <p className="muted">{t('payments.lead')}</p>
      <form className="panel filter-form" onSubmit={apply} aria-label={t('payments.filters')} data-testid="payment-filters">
        <div className="field-row">
          <SelectField
            id="payments-status"
            label={t('payments.status')}
            value={draft.status}
            onChange={set('status')}
            options={[{ value: '', label: t('payments.all') }, ...paymentStatuses.map((s) => ({ value: s, label: t(`paymentStatus.${s}`) }))]}
          />
          <SelectField
            id="payments-mode"
            label={t('payments.mode')}
            value={draft.mode}
            onChange={set('mode')}
            options={[
              { value: '', label: t('payments.all') },
              { value: 'TEST', label: t('channels.modeTest') },
              { value: 'LIVE', label: t('channels.modeLive') },
            ]}
          />
          <SelectField
            id="payments-channel"
            label={t('payments.channel')}
            value={draft.channelId}
            onChange={set('channelId')}
            options={[{ value: '', label: t('payments.all') }, ...(channels.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${t(`channels.${c.mode}`)})${c.deleted ? ` ${t('payments.deletedChannel')}` : ''}` }))]}
          />
        </div>
        <div className="field-row">
          <Field id="payments-from" label={t('payments.from')} type="date" value={draft.from} max={draft.until || undefined} onChange={set('from')} />
          <Field id="payments-until" label={t('payments.until')} type="date" value={draft.until} min={draft.from || undefined} onChange={set('until')} />
          <Field id="payments-search" label={t('payments.search')} type="search" hint={t('payments.searchHint')} value={draft.search} onChange={set('search')} />
        </div>
        <div className="actions">
          <button type="submit" className="button primary">
            {t('payments.apply')}
          </button>
          <button type="button" className="button" onClick={reset}>
            {t('payments.reset')}
          </button>
        </div>
      </form>
      <ErrorBanner error={payments.error} />
      {!data && !payments.error && <p className="muted">{t('loading')}</p>}
      {data && data.items.length === 0 && <p className="muted">{t('payments.empty')}</p>}
      {data && data.items.length > 0 && (
        <>
          <div className="table-wrap stack-on-phone">
            <table data-testid="payment-list">
              <thead>
                <tr>
                  <th>{t('payments.requestedAt')}</th>
                  <th>{t('payments.paymentId')}</th>
                  <th>{t('payments.orderName')}</th>
                  <th className="num">{t('payments.amount')}</th>
                  <th>{t('payments.status')}</th>
                  <th>{t('payments.channel')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr key={p.paymentId} data-testid={`payment-${p.paymentId}`}>
                    <td data-label={t('payments.requestedAt')} className="nowrap">
                      {formatDateTime(p.requestedAt, i18n.language)}
                    </td>
                    <td data-label={t('payments.paymentId')}>
                      <a href={href(paymentPath(p.paymentId))} onClick={(e) => (e.preventDefault(), open(p.paymentId))}>
                        {p.paymentId}
                      </a>
                    </td>
                    <td data-label={t('payments.orderName')}>{p.orderName}</td>
                    <td data-label={t('payments.amount')} className="num nowrap">
                      {formatWon(p.amount.total, i18n.language)}
                      {p.amount.cancelled > 0 && <div className="muted small-label">{t('payments.cancelledPart', { amount: formatWon(p.amount.cancelled, i18n.language) })}</div>}
                    </td>
                    <td data-label={t('payments.status')}>
                      <PaymentStatusBadge status={p.status} />
                      {p.autoCancel && (
                        <div className="small-label">
                          <AutoCancelNote autoCancel={p.autoCancel} />
                        </div>
                      )}
                    </td>
                    <td data-label={t('payments.channel')}>
                      {p.channel ? (
                        <>
                          <ModeBadge mode={p.channel.mode} /> {p.channel.name}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('payments.pagination')}>
            <button type="button" className="button small" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t('payments.previous')}
            </button>
            <span className="muted" data-testid="payment-count">
              {t('payments.range', { from: page * pageSize + 1, to: page * pageSize + data.items.length, count: total })}
            </span>
            <button type="button" className="button small" disabled={(page + 1) * pageSize >= total} onClick={() => setPage(page + 1)}>
              {t('payments.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
