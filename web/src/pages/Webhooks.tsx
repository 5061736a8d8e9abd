import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.ts';
import { ErrorBanner, useErrorText } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { DeliveryTable } from '../components/DeliveryTable.tsx';
import { Revealed } from '../components/Revealed.tsx';
import type { Page, WebhookDelivery } from '../payments.ts';
import { useAction } from '../useAction.ts';
import { useLoad } from '../useLoad.ts';

interface WebhookSettings {
  url: string | null;
  maskedSecret: string;
}

export function Webhooks({ storeId, canWrite }: { storeId: string; canWrite: boolean }) {
  return (
    <>
      <WebhookSettingsSection storeId={storeId} canWrite={canWrite} />
      <DeliveryLog storeId={storeId} canResend={canWrite} />
    </>
  );
}

/** 전송 기록: recent deliveries with their last answer, and 재전송 per row. */
function DeliveryLog({ storeId, canResend }: { storeId: string; canResend: boolean }) {
  const { t } = useTranslation();
  const [failedOnly, setFailedOnly] = useState(false);
  const query = `?size=50${failedOnly ? '&failed=true' : ''}`;
  const log = useLoad(() => api.get<Page<WebhookDelivery>>(`/stores/${storeId}/webhook-deliveries${query}`), `${storeId}${query}`);
  const action = useAction();
  const [resent, setResent] = useState(false);

  const resend = (delivery: WebhookDelivery) => {
    setResent(false);
    void action.run(async () => {
      await api.post(`/stores/${storeId}/webhook-deliveries/${delivery.id}/resend`);
      setResent(true);
      await log.reload();
    });
  };

  return (
    <section className="delivery-log" aria-labelledby="delivery-log-title">
      <h2 id="delivery-log-title">{t('deliveries.title')}</h2>
      <p className="muted">{t('deliveries.lead')}</p>
      <label className="check-field">
        <input type="checkbox" checked={failedOnly} onChange={(e) => setFailedOnly(e.target.checked)} />
        {t('deliveries.failedOnly')}
      </label>
      <ErrorBanner error={action.error ?? log.error} />
      {resent && (
        <p className="ok" role="status">
          {t('deliveries.resent')}
        </p>
      )}
      {!log.data && !log.error && <p className="muted">{t('loading')}</p>}
      {log.data && log.data.items.length === 0 && <p className="muted">{t('deliveries.empty')}</p>}
      {log.data && log.data.items.length > 0 && <DeliveryTable items={log.data.items} busy={action.busy} {...(canResend ? { onResend: resend } : {})} />}
    </section>
  );
}

function WebhookSettingsSection({ storeId, canWrite }: { storeId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const webhook = useLoad(() => api.get<WebhookSettings>(`/stores/${storeId}/webhook`), storeId);
  const action = useAction();
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [revealed, setRevealed] = useState<string>();

  useEffect(() => {
    setUrl(webhook.data?.url ?? '');
  }, [webhook.data?.url]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setUrlError(undefined);
    void action.run(
      async () => {
        await api.put<WebhookSettings>(`/stores/${storeId}/webhook`, { url: url.trim() });
        setSaved(true);
        await webhook.reload();
      },
      (failure) => {
        if (!(failure instanceof ApiError && failure.field === 'url')) return false;
        setUrlError(errorText(failure));
        return true;
      },
    );
  };

  const rotate = () => {
    if (!window.confirm(t('webhooks.confirmRotate'))) return;
    setSaved(false);
    void action.run(async () => {
      setRevealed((await api.post<{ secret: string }>(`/stores/${storeId}/webhook/rotate-secret`)).secret);
      await webhook.reload();
    });
  };

  return (
    <section>
      <h1>{t('webhooks.title')}</h1>
      <p className="muted">{t('webhooks.lead')}</p>
      <ErrorBanner error={action.error ?? webhook.error} />
      {/* noValidate: the server's message (in the chosen language) explains a bad URL beside the field */}
      <form className="inline-form" onSubmit={save} noValidate>
        <Field
          id="webhook-url"
          label={t('webhooks.url')}
          type="url"
          inputMode="url"
          placeholder="https://example.com/webhooks/paymux"
          hint={t('webhooks.urlHint')}
          value={url}
          onChange={(e) => {
            setUrl(e.target.value);
            setSaved(false);
          }}
          error={urlError}
          readOnly={!canWrite}
        />
        {canWrite && (
          <button type="submit" className="button primary" disabled={action.busy}>
            {t('webhooks.save')}
          </button>
        )}
      </form>
      {saved && (
        <p className="ok" role="status">
          {t('webhooks.saved')}
        </p>
      )}
      <h2>{t('webhooks.secret')}</h2>
      <p className="muted">{t('webhooks.secretLead')}</p>
      {revealed && <Revealed label={t('webhooks.secret')} value={revealed} onClose={() => setRevealed(undefined)} />}
      {webhook.data && (
        <dl className="facts">
          <dt>{t('webhooks.secret')}</dt>
          <dd>
            <code>{webhook.data.maskedSecret}</code>{' '}
            {canWrite && (
              <button type="button" className="button small" disabled={action.busy} onClick={rotate}>
                {t('webhooks.rotate')}
              </button>
            )}
          </dd>
        </dl>
      )}
    </section>
  );
}
