import { useTranslation } from 'react-i18next';
import { api, type Session } from '../api.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { DeliveryTable } from '../components/DeliveryTable.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { AutoCancelNote, PaymentStatusBadge } from '../components/PaymentBits.tsx';
import { nextStage, type Application } from '../contract.ts';
import { formatDateTime, formatWon } from '../format.ts';
import { paymentPath, type HomeSummary } from '../payments.ts';
import { href, navigate } from '../router.ts';
import { useLoad } from '../useLoad.ts';

function Link({ to, children }: { to: string; children: string }) {
  return (
    <a href={href(to)} onClick={(e) => (e.preventDefault(), navigate(to))}>
      {children}
    </a>
  );
}

/** 다음 단계: what the merchant does or waits for now, from the contract stage and its expected dates. */
function NextStep({ application }: { application: Application | null }) {
  const { t } = useTranslation();
  const stage = application?.stage ?? 'NONE';
  const next = application ? nextStage(application.stage) : undefined;
  const text = t(`home.nextByStage.${stage}`, {
    date: stage === 'CARD_REVIEW' ? application?.expectedDates.CARD_REVIEW_END : next ? application?.expectedDates[next] : '',
    count: application?.documents.filter((d) => d.required && !d.uploaded).length ?? 0,
  });
  const link = !application ? (['application', 'NONE'] as const) : stage === 'CONTRACT_COMPLETED' ? (['channels', 'channels'] as const) : (['application', 'contract'] as const);
  return (
    <div className="callout next-hint" data-testid="home-next" data-stage={stage} role="note">
      <strong>{t('home.nextTitle')}</strong> {text} <Link to={link[0]}>{t(`home.nextLink.${link[1]}`)}</Link>
    </div>
  );
}

/** 홈: where the merchant stands — contract stage, channels, today's test payments, failed webhooks. */
export function Home({ session, storeId }: { session: Session; storeId: string }) {
  const { t, i18n } = useTranslation();
  const store = session.stores.find((s) => s.id === storeId);
  const summary = useLoad(() => api.get<HomeSummary>(`/stores/${storeId}/home`), storeId);
  const application = useLoad(() => api.get<{ application: Application | null }>('/application'), session.merchant?.id ?? '');
  const won = (amount: number) => formatWon(amount, i18n.language);
  const data = summary.data;

  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.welcome', { name: session.merchant?.name ?? session.user.email })}</p>
      <ErrorBanner error={summary.error ?? application.error} />
      {/* Where the merchant stands first: what to do or wait for next. */}
      {application.data && <NextStep application={application.data.application} />}
      <div className="tiles" data-testid="home-summary">
        <article className="tile" data-testid="home-contract">
          <h2>{t('homeSummary.contract')}</h2>
          {application.data &&
            (application.data.application ? (
              <p className="tile-figure">{t(`stages.${application.data.application.stage}`)}</p>
            ) : (
              <p className="muted">{t('homeSummary.notApplied')}</p>
            ))}
          <Link to="application">{application.data?.application ? t('homeSummary.toContract') : t('homeSummary.apply')}</Link>
        </article>
        <article className="tile" data-testid="home-channels">
          <h2>{t('homeSummary.channels')}</h2>
          {data && <p className="tile-figure">{t('homeSummary.channelCounts', { test: data.channels.TEST, live: data.channels.LIVE })}</p>}
          <Link to="channels">{t('homeSummary.manageChannels')}</Link>
        </article>
        <article className="tile" data-testid="home-today">
          <h2>{t('homeSummary.todayTest')}</h2>
          {data && (
            <>
              <p className="tile-figure">{t('homeSummary.todayTestFigures', { count: data.todayTestPayments.count, amount: won(data.todayTestPayments.totalAmount) })}</p>
              {data.todayTestPayments.cancelledAmount > 0 && (
                <p className="muted small-label tile-note">{t('homeSummary.todayTestCancelled', { amount: won(data.todayTestPayments.cancelledAmount) })}</p>
              )}
            </>
          )}
          <Link to="payments">{t('homeSummary.allPayments')}</Link>
        </article>
        <article className={`tile${data && data.failedWebhooks.count > 0 ? ' alert' : ''}`} data-testid="home-failed-webhooks">
          <h2>{t('homeSummary.failedWebhooks')}</h2>
          {data && <p className="tile-figure">{t('homeSummary.failedCount', { count: data.failedWebhooks.count })}</p>}
          <Link to="webhooks">{t('homeSummary.toWebhooks')}</Link>
        </article>
      </div>

      {data && (
        <>
          <h2>{t('homeSummary.todayTest')}</h2>
          {data.todayTestPayments.items.length > 0 && <p className="muted small-label">{t('autoCancel.lead')}</p>}
          {data.todayTestPayments.items.length === 0 ? (
            <p className="muted">{t('homeSummary.noTodayTest')}</p>
          ) : (
            <ul className="row-list" data-testid="today-test-payments">
              {data.todayTestPayments.items.map((p) => (
                <li key={p.paymentId}>
                  <div className="row-main">
                    <a href={href(paymentPath(p.paymentId))} onClick={(e) => (e.preventDefault(), navigate(paymentPath(p.paymentId)))}>
                      {p.orderName || p.paymentId}
                    </a>
                    <span className="nowrap">{won(p.amount.total)}</span>
                    <PaymentStatusBadge status={p.status} />
                  </div>
                  <div className="row-sub small-label">
                    <span className="muted nowrap">{p.paidAt && formatDateTime(p.paidAt, i18n.language)}</span> <AutoCancelNote autoCancel={p.autoCancel} />
                  </div>
                </li>
              ))}
            </ul>
          )}
          {data.failedWebhooks.items.length > 0 && (
            <>
              <h2>{t('homeSummary.failedWebhooks')}</h2>
              <DeliveryTable items={data.failedWebhooks.items} />
            </>
          )}
        </>
      )}

      <dl className="facts spaced">
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
    </section>
  );
}
