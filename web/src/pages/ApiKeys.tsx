import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { Revealed } from '../components/Revealed.tsx';
import { formatDateTime } from '../format.ts';
import { useAction } from '../useAction.ts';
import { useLoad } from '../useLoad.ts';

interface ApiSecret {
  id: string;
  name: string;
  maskedSecret: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface V1KeySet {
  merchantCode: string;
  impKey: string;
  maskedImpSecret: string;
}

interface PageProps {
  storeId: string;
  canWrite: boolean;
}

export function ApiKeys(props: PageProps) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('apiKeys.title')}</h1>
      <V2Secrets {...props} />
      <V1Keys {...props} />
    </section>
  );
}

function V2Secrets({ storeId, canWrite }: PageProps) {
  const { t, i18n } = useTranslation();
  const secrets = useLoad(() => api.get<{ items: ApiSecret[] }>(`/stores/${storeId}/api-secrets`), storeId);
  const action = useAction();
  const [name, setName] = useState('');
  const [revealed, setRevealed] = useState<{ name: string; secret: string }>();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '-');

  const create = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const created = await api.post<{ name: string; secret: string }>(`/stores/${storeId}/api-secrets`, { name: name.trim() });
      setRevealed(created);
      setName('');
      await secrets.reload();
    });
  };

  const revoke = (secret: ApiSecret) => {
    if (!window.confirm(t('apiKeys.confirmRevoke', { name: secret.name }))) return;
    void action.run(async () => {
      await api.delete(`/stores/${storeId}/api-secrets/${secret.id}`);
      await secrets.reload();
    });
  };

  return (
    <>
      <h2>{t('apiKeys.v2Title')}</h2>
      <p className="muted">{t('apiKeys.v2Lead')}</p>
      <ErrorBanner error={action.error ?? secrets.error} />
      {revealed && <Revealed label={`${t('apiKeys.v2Title')} · ${revealed.name}`} value={revealed.secret} onClose={() => setRevealed(undefined)} />}
      {canWrite && (
        <form className="inline-form" onSubmit={create}>
          <Field id="secret-name" label={t('apiKeys.name')} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button primary" disabled={action.busy}>
            {t('apiKeys.create')}
          </button>
        </form>
      )}
      {!secrets.data && !secrets.error && <p className="muted">{t('loading')}</p>}
      {secrets.data?.items.length === 0 && <p className="muted">{t('apiKeys.empty')}</p>}
      {secrets.data && secrets.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('apiKeys.name')}</th>
                <th scope="col">{t('apiKeys.masked')}</th>
                <th scope="col">{t('apiKeys.createdAt')}</th>
                <th scope="col">{t('apiKeys.lastUsedAt')}</th>
                <th scope="col">{t('apiKeys.status')}</th>
                {canWrite && <th scope="col"><span className="sr-only">{t('apiKeys.actions')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {secrets.data.items.map((s) => (
                <tr key={s.id} className={s.revokedAt ? 'revoked' : undefined}>
                  <td>{s.name}</td>
                  <td>
                    <code>{s.maskedSecret}</code>
                  </td>
                  <td className="nowrap">{when(s.createdAt)}</td>
                  <td className="nowrap">{when(s.lastUsedAt)}</td>
                  <td className="nowrap">
                    {s.revokedAt ? (
                      <span className="badge muted-badge">
                        {t('apiKeys.revokedAt', { when: when(s.revokedAt) })}
                      </span>
                    ) : (
                      <span className="badge live">{t('apiKeys.active')}</span>
                    )}
                  </td>
                  {canWrite && (
                    <td>
                      {!s.revokedAt && (
                        <button
                          type="button"
                          className="button small danger"
                          disabled={action.busy}
                          aria-label={`${t('apiKeys.revoke')}: ${s.name}`}
                          onClick={() => revoke(s)}
                        >
                          {t('apiKeys.revoke')}
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
    </>
  );
}

function V1Keys({ storeId, canWrite }: PageProps) {
  const { t } = useTranslation();
  const keys = useLoad(() => api.get<V1KeySet>(`/stores/${storeId}/v1-keys`), storeId);
  const action = useAction();
  const [revealed, setRevealed] = useState<string>();

  const rotate = () => {
    if (!window.confirm(t('apiKeys.confirmRotate'))) return;
    void action.run(async () => {
      setRevealed((await api.post<{ impKey: string; impSecret: string }>(`/stores/${storeId}/v1-keys/rotate`)).impSecret);
      await keys.reload();
    });
  };

  return (
    <>
      <h2>{t('apiKeys.v1Title')}</h2>
      <p className="muted">{t('apiKeys.v1Lead')}</p>
      <ErrorBanner error={action.error ?? keys.error} />
      {revealed && <Revealed label={t('apiKeys.impSecret')} value={revealed} onClose={() => setRevealed(undefined)} />}
      {!keys.data && !keys.error && <p className="muted">{t('loading')}</p>}
      {keys.data && (
        <dl className="facts">
          <dt>{t('apiKeys.merchantCode')}</dt>
          <dd>
            <code>{keys.data.merchantCode}</code>
          </dd>
          <dt>{t('apiKeys.impKey')}</dt>
          <dd>
            <code>{keys.data.impKey}</code>
          </dd>
          <dt>{t('apiKeys.impSecret')}</dt>
          <dd>
            <code>{keys.data.maskedImpSecret}</code>{' '}
            {canWrite && (
              <button type="button" className="button small" disabled={action.busy} onClick={rotate}>
                {t('apiKeys.rotate')}
              </button>
            )}
          </dd>
        </dl>
      )}
    </>
  );
}
