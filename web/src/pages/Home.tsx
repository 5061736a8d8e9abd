import { useTranslation } from 'react-i18next';
import type { Session } from '../api.ts';
import { CopyButton } from '../components/CopyButton.tsx';

export function Home({ session, storeId }: { session: Session; storeId: string }) {
  const { t } = useTranslation();
  const store = session.stores.find((s) => s.id === storeId);
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.welcome', { name: session.merchant?.name ?? session.user.email })}</p>
      <dl className="facts">
        {session.merchant && (
          <>
            <dt>{t('home.merchantCode')}</dt>
            <dd>
              <code>{session.merchant.code}</code> <CopyButton value={session.merchant.code} label={t('home.merchantCode')} />
            </dd>
          </>
        )}
        {store && session.stores.length > 1 && (
          <>
            <dt>{t('store')}</dt>
            <dd>{store.name}</dd>
          </>
        )}
        <dt>{t('home.storeId')}</dt>
        <dd>
          <code data-testid="store-id">{storeId}</code> <CopyButton value={storeId} label={t('home.storeId')} />
        </dd>
      </dl>
      <p className="muted">{t('home.next')}</p>
    </section>
  );
}
