import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { useLoad } from '../useLoad.ts';

interface Channel {
  id: string;
  key: string;
  name: string;
  mode: 'TEST' | 'LIVE';
  pgProvider: string;
  mid: string;
  isDefault: boolean;
}

export function Channels({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const { data, error } = useLoad(() => api.get<{ items: Channel[] }>(`/stores/${storeId}/channels`), storeId);
  return (
    <section>
      <h1>{t('channels.title')}</h1>
      <p className="muted">{t('channels.lead')}</p>
      <ErrorBanner error={error} />
      {!data && !error && <p className="muted">{t('loading')}</p>}
      {data?.items.length === 0 && <p className="muted">{t('channels.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('channels.name')}</th>
                <th scope="col">{t('channels.mode')}</th>
                <th scope="col">{t('channels.pg')}</th>
                <th scope="col">{t('channels.mid')}</th>
                <th scope="col">{t('channels.key')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.name} {c.isDefault && <span className="badge">{t('channels.default')}</span>}
                  </td>
                  <td>
                    <span className={`badge ${c.mode === 'TEST' ? 'test' : 'live'}`}>{t(`channels.${c.mode}`)}</span>
                  </td>
                  <td>{c.pgProvider === 'SETTLE' ? t('channels.SETTLE') : c.pgProvider}</td>
                  <td>
                    <code>{c.mid}</code>
                  </td>
                  <td className="nowrap">
                    <code className="truncate">{c.key}</code> <CopyButton value={c.key} label={t('channels.key')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
