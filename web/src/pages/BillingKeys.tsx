import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { ModeBadge } from '../components/PaymentBits.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { formatDateTime } from '../format.ts';
import type { BillingKeyItem, Page } from '../payments.ts';
import { useAction } from '../useAction.ts';
import { useLoad } from '../useLoad.ts';

/** 빌링키: the store's billing keys (masked cards) and their deletion (owners and admins). */
export function BillingKeys({ storeId, canDelete }: { storeId: string; canDelete: boolean }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('');
  const query = status ? `?status=${status}&size=100` : '?size=100';
  const keys = useLoad(() => api.get<Page<BillingKeyItem>>(`/stores/${storeId}/billing-keys${query}`), `${storeId}${query}`);
  const action = useAction();
  const [notice, setNotice] = useState<string>();

  const remove = (key: BillingKeyItem) => {
    if (!window.confirm(t('billingKeys.confirmDelete'))) return;
    setNotice(undefined);
    void action.run(async () => {
      await api.delete(`/stores/${storeId}/billing-keys/${encodeURIComponent(key.billingKey)}`);
      setNotice(t('billingKeys.deleted'));
      await keys.reload();
    });
  };

  return (
    <section>
      <h1>{t('billingKeys.title')}</h1>
      <p className="muted">{t('billingKeys.lead')}</p>
      <div className="inline-form">
        <SelectField
          id="billing-keys-status"
          label={t('billingKeys.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={[
            { value: '', label: t('billingKeys.all') },
            { value: 'ISSUED', label: t('billingKeys.ISSUED') },
            { value: 'DELETED', label: t('billingKeys.DELETED') },
          ]}
        />
      </div>
      <ErrorBanner error={action.error ?? keys.error} />
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      {!keys.data && !keys.error && <p className="muted">{t('loading')}</p>}
      {keys.data && keys.data.items.length === 0 && <p className="muted">{t('billingKeys.empty')}</p>}
      {keys.data && keys.data.items.length > 0 && (
        <div className="table-wrap stack-on-phone">
          <table data-testid="billing-key-list">
            <thead>
              <tr>
                <th>{t('billingKeys.billingKey')}</th>
                <th>{t('billingKeys.card')}</th>
                <th>{t('billingKeys.status')}</th>
                <th>{t('billingKeys.channel')}</th>
                <th>{t('billingKeys.customerId')}</th>
                <th>{t('billingKeys.issuedAt')}</th>
                {canDelete && (
                  <th>
                    <span className="sr-only">{t('billingKeys.delete')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((key) => (
                <tr key={key.billingKey} className={key.status === 'DELETED' ? 'revoked' : undefined}>
                  <td data-label={t('billingKeys.billingKey')}>
                    <code className="truncate" title={key.billingKey}>
                      {key.billingKey}
                    </code>
                  </td>
                  <td data-label={t('billingKeys.card')}>
                    <code>{key.card.maskedNumber ?? '—'}</code> {key.card.issuerName}
                  </td>
                  <td data-label={t('billingKeys.status')}>
                    <span className={`badge ${key.status === 'ISSUED' ? 'live' : 'muted-badge'}`}>{t(`billingKeys.${key.status}`)}</span>
                  </td>
                  <td data-label={t('billingKeys.channel')}>
                    {key.channel ? (
                      <>
                        <ModeBadge mode={key.channel.mode} /> {key.channel.name}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-label={t('billingKeys.customerId')}>{key.customerId ?? '—'}</td>
                  <td data-label={t('billingKeys.issuedAt')} className="nowrap">
                    {formatDateTime(key.issuedAt, i18n.language)}
                  </td>
                  {canDelete && (
                    <td className="row-actions">
                      {key.status === 'ISSUED' && (
                        <button type="button" className="button small danger" disabled={action.busy} aria-label={t('billingKeys.deleteLabel', { id: key.billingKey })} onClick={() => remove(key)}>
                          {t('billingKeys.delete')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
