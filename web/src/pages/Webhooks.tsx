import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.ts';
import { ErrorBanner, useErrorText } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { Revealed } from '../components/Revealed.tsx';
import { useAction } from '../useAction.ts';
import { useLoad } from '../useLoad.ts';

interface WebhookSettings {
  url: string | null;
  maskedSecret: string;
}

export function Webhooks({ storeId, canWrite }: { storeId: string; canWrite: boolean }) {
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
