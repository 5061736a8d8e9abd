import { useTranslation } from 'react-i18next';
import type { Session } from '../api.ts';
import { CopyButton } from '../components/CopyButton.tsx';

export function Home({ session, storeId }: { session: Session; storeId: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.welcome', { name: session.merchant?.name ?? session.user.email })}</p>
      <dl className="facts">
        <dt>{t('home.merchantCode')}</dt>
        <dd>
          <code>{session.merchant?.code}</code> <CopyButton value={session.merchant?.code ?? ''} label={t('home.merchantCode')} />
        </dd>
        <dt>{t('home.storeId')}</dt>
        <dd>
          <code>{storeId}</code> <CopyButton value={storeId} label={t('home.storeId')} />
        </dd>
      </dl>
      <p className="muted">{t('home.next')}</p>
    </section>
  );
}
