import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Session } from '../api.ts';
import { ErrorBanner, useErrorText } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { Revealed } from '../components/Revealed.tsx';
import { useLoad } from '../useLoad.ts';

interface Webhook {
  url: string | null;
  maskedSecret: string;
}

export function Webhooks({ session, storeId }: { session: Session; storeId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const canWrite = session.user.role !== 'viewer';
  const webhook = useLoad(() => api.get<Webhook>(`/stores/${storeId}/webhook`), [storeId]);
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();
  const [revealed, setRevealed] = useState<string>();

  useEffect(() => setUrl(webhook.data?.url ?? ''), [webhook.data?.url]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setUrlError(undefined);
    setError(undefined);
    try {
      await api.put(`/stores/${storeId}/webhook`, { url });
      setSaved(true);
      await webhook.reload();
    } catch (failure) {
      if (failure instanceof ApiError && failure.field === 'url') setUrlError(errorText(failure));
      else setError(failure);
    }
  };

  const rotate = async () => {
    if (!window.confirm(t('webhooks.confirmRotate'))) return;
    setError(undefined);
    try {
      setRevealed((await api.post<{ secret: string }>(`/stores/${storeId}/webhook/rotate-secret`)).secret);
      await webhook.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section>
      <h1>{t('webhooks.title')}</h1>
      <p className="muted">{t('webhooks.lead')}</p>
      <ErrorBanner error={error ?? webhook.error} />
      {revealed && <Revealed label={t('webhooks.secret')} value={revealed} onClose={() => setRevealed(undefined)} />}
      <form className="inline-form" onSubmit={save}>
        <Field id="webhook-url" label={t('webhooks.url')} type="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} error={urlError} disabled={!canWrite} />
        {canWrite && (
          <button type="submit" className="button primary">
            {t('webhooks.save')}
          </button>
        )}
      </form>
      {saved && <p className="ok" role="status">{t('webhooks.saved')}</p>}
      {webhook.data && (
        <dl className="facts">
          <dt>{t('webhooks.secret')}</dt>
          <dd>
            <code>{webhook.data.maskedSecret}</code>{' '}
            {canWrite && (
              <button type="button" className="button small" onClick={rotate}>
                {t('webhooks.rotate')}
              </button>
            )}
          </dd>
        </dl>
      )}
    </section>
  );
}
