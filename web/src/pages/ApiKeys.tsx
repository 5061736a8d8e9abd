import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Session } from '../api.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { Revealed } from '../components/Revealed.tsx';
import { useLoad } from '../useLoad.ts';

interface ApiSecret {
  id: string;
  name: string;
  maskedSecret: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface V1Keys {
  merchantCode: string;
  impKey: string;
  maskedImpSecret: string;
}

const when = (iso: string | null, never: string) => (iso ? new Date(iso).toLocaleString() : never);

export function ApiKeys({ session, storeId }: { session: Session; storeId: string }) {
  const { t } = useTranslation();
  const canWrite = session.user.role !== 'viewer';
  const secrets = useLoad(() => api.get<{ items: ApiSecret[] }>(`/stores/${storeId}/api-secrets`), [storeId]);
  const v1 = useLoad(() => api.get<V1Keys>(`/stores/${storeId}/v1-keys`), [storeId]);
  const [name, setName] = useState('');
  const [revealed, setRevealed] = useState<{ label: string; value: string }>();
  const [error, setError] = useState<unknown>();

  const act = async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    }
  };

  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const created = await api.post<{ secret: string; name: string }>(`/stores/${storeId}/api-secrets`, { name });
      setRevealed({ label: `${t('apiKeys.v2Title')} · ${created.name}`, value: created.secret });
      setName('');
      await secrets.reload();
    });
  };

  const revoke = (secret: ApiSecret) => {
    if (!window.confirm(t('apiKeys.confirmRevoke'))) return;
    void act(async () => {
      await api.delete(`/stores/${storeId}/api-secrets/${secret.id}`);
      await secrets.reload();
    });
  };

  const rotate = () => {
    if (!window.confirm(t('apiKeys.confirmRotate'))) return;
    void act(async () => {
      const rotated = await api.post<{ impSecret: string }>(`/stores/${storeId}/v1-keys/rotate`);
      setRevealed({ label: t('apiKeys.impSecret'), value: rotated.impSecret });
      await v1.reload();
    });
  };

  return (
    <section>
      <h1>{t('apiKeys.title')}</h1>
      <ErrorBanner error={error ?? secrets.error ?? v1.error} />
      {revealed && <Revealed label={revealed.label} value={revealed.value} onClose={() => setRevealed(undefined)} />}

      <h2>{t('apiKeys.v2Title')}</h2>
      <p className="muted">{t('apiKeys.v2Lead')}</p>
      {canWrite && (
        <form className="inline-form" onSubmit={create}>
          <Field id="secret-name" label={t('apiKeys.name')} required maxLength={64} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button primary">
            {t('apiKeys.create')}
          </button>
        </form>
      )}
      {secrets.data && secrets.data.items.length === 0 && <p>{t('apiKeys.empty')}</p>}
      {secrets.data && secrets.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('apiKeys.name')}</th>
                <th>{t('apiKeys.masked')}</th>
                <th>{t('apiKeys.createdAt')}</th>
                <th>{t('apiKeys.lastUsedAt')}</th>
                <th>{t('apiKeys.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {secrets.data.items.map((s) => (
                <tr key={s.id} className={s.revokedAt ? 'revoked' : undefined}>
                  <td>{s.name}</td>
                  <td>
                    <code>{s.maskedSecret}</code>
                  </td>
                  <td>{when(s.createdAt, t('apiKeys.never'))}</td>
                  <td>{when(s.lastUsedAt, t('apiKeys.never'))}</td>
                  <td>{s.revokedAt ? t('apiKeys.revoked') : t('apiKeys.active')}</td>
                  <td>
                    {canWrite && !s.revokedAt && (
                      <button type="button" className="button small danger" onClick={() => revoke(s)}>
                        {t('apiKeys.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('apiKeys.v1Title')}</h2>
      {v1.data && (
        <dl className="facts">
          <dt>{t('apiKeys.merchantCode')}</dt>
          <dd>
            <code>{v1.data.merchantCode}</code>
          </dd>
          <dt>{t('apiKeys.impKey')}</dt>
          <dd>
            <code>{v1.data.impKey}</code>
          </dd>
          <dt>{t('apiKeys.impSecret')}</dt>
          <dd>
            <code>{v1.data.maskedImpSecret}</code>{' '}
            {canWrite && (
              <button type="button" className="button small" onClick={rotate}>
                {t('apiKeys.rotate')}
              </button>
            )}
          </dd>
        </dl>
      )}
    </section>
  );
}
