import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Bilingual, type Session } from '../api.ts';
import { Choices } from '../components/Choices.tsx';
import { approvedCompanies, CardReviewTable, DocumentChecklist } from '../components/ContractParts.tsx';
import { ErrorBanner, useErrorText } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { FileInput } from '../components/FileInput.tsx';
import { StageTimeline } from '../components/StageTimeline.tsx';
import { inLanguage, isMerchantStage, maxUploadBytes, nextStage, paymentMethods, readUpload, stageReached, type Application as ApplicationView } from '../contract.ts';
import { formatDateTime } from '../format.ts';
import { href, navigate } from '../router.ts';
import { devChecklistKeys, type DevChecklist } from '../payments.ts';
import { useAction } from '../useAction.ts';
import { useLoad } from '../useLoad.ts';

/** 전자결제 신청: the 가입신청서 until it is submitted, then the 계약 page that follows it. */
export function Application({ session, storeId, canWrite }: { session: Session; storeId: string | undefined; canWrite: boolean }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => api.get<{ application: ApplicationView | null }>('/application'), session.merchant?.id ?? '');
  // A write answers the whole view; show it at once rather than loading again.
  const [written, setWritten] = useState<ApplicationView>();
  const application = written ?? loaded.data?.application;

  return (
    <section>
      <h1>{t('application.title')}</h1>
      <ErrorBanner error={loaded.error} />
      {!loaded.data && !loaded.error && <p className="muted">{t('loading')}</p>}
      {loaded.data && !application && <ApplicationForm session={session} canWrite={canWrite} onSubmitted={setWritten} />}
      {application && (
        <Contract
          application={application}
          canWrite={canWrite}
          onChanged={setWritten}
          checklist={storeId && <DevChecklistPanel storeId={storeId} storeName={session.stores.length > 1 ? session.stores.find((s) => s.id === storeId)?.name : undefined} />}
        />
      )}
    </section>
  );
}

const formFields = ['businessRegistration', 'paymentMethods', 'pgProviders', 'contactEmail'] as const;
type FormField = (typeof formFields)[number];

function ApplicationForm({ session, canWrite, onSubmitted }: { session: Session; canWrite: boolean; onSubmitted: (application: ApplicationView) => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const action = useAction();
  const [file, setFile] = useState<File>();
  const [methods, setMethods] = useState<string[]>(['CARD']);
  // The PGs paymux has connectors for, from the server; the only one is ticked until the merchant chooses.
  const providers = useLoad(() => api.get<{ items: { pgProvider: string; name: Bilingual }[] }>('/pg-providers'), 'pg-providers');
  const [chosenPgs, setPgs] = useState<string[]>();
  const offered = providers.data?.items ?? [];
  const pgs = chosenPgs ?? (offered.length === 1 ? [offered[0]!.pgProvider] : []);
  const [contactEmail, setContactEmail] = useState(session.user.email);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const toggle = (list: string[], value: string, checked: boolean) => (checked ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));

  const chooseFile = (chosen: File | undefined) => {
    setFile(chosen);
    setErrors(({ businessRegistration: _, ...rest }) => (chosen && chosen.size > maxUploadBytes ? { ...rest, businessRegistration: t('application.fileTooLarge') } : rest));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setErrors({ businessRegistration: t('application.fileMissing') });
    if (file.size > maxUploadBytes) return setErrors({ businessRegistration: t('application.fileTooLarge') });
    setErrors({});
    void action.run(
      async () => {
        const businessRegistration = await readUpload(file);
        // Keep the order of the choices as offered, whatever order they were ticked in.
        const chosenMethods = paymentMethods.filter((m) => methods.includes(m));
        onSubmitted(await api.post<ApplicationView>('/application', { contactEmail: contactEmail.trim(), paymentMethods: chosenMethods, pgProviders: pgs, businessRegistration }));
      },
      (failure) => {
        if (!(failure instanceof ApiError && failure.field && (formFields as readonly string[]).includes(failure.field))) return false;
        setErrors({ [failure.field]: errorText(failure) });
        return true;
      },
    );
  };

  return (
    <form className="panel stack" onSubmit={submit} noValidate data-testid="application-form">
      <p className="muted">{t('application.formLead')}</p>
      <ErrorBanner error={action.error} />
      <div className="field">
        <FileInput
          id="application-businessRegistration"
          label={t('application.businessRegistration')}
          accept=".pdf,.png,.jpg,.jpeg"
          required
          aria-invalid={errors.businessRegistration ? true : undefined}
          aria-describedby={`application-businessRegistration-hint${errors.businessRegistration ? ' application-businessRegistration-error' : ''}`}
          onFile={(chosen) => chooseFile(chosen)}
        />
        <small id="application-businessRegistration-hint" className="hint">
          {t('application.fileHint')}
        </small>
        {errors.businessRegistration && (
          <small id="application-businessRegistration-error" className="field-error" role="alert">
            {errors.businessRegistration}
          </small>
        )}
      </div>
      <Choices
        id="application-paymentMethods"
        legend={t('application.paymentMethods')}
        type="checkbox"
        value={methods}
        onChange={(value, checked) => setMethods(toggle(methods, value, checked))}
        options={paymentMethods.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
        error={errors.paymentMethods}
      />
      <Choices
        id="application-pgProviders"
        legend={t('application.pgProviders')}
        type="checkbox"
        value={pgs}
        onChange={(value, checked) => setPgs(toggle(pgs, value, checked))}
        options={offered.map((p) => ({ value: p.pgProvider, label: inLanguage(p.name, i18n.language) }))}
        error={errors.pgProviders}
      />
      <Field
        id="application-contactEmail"
        label={t('application.contactEmail')}
        hint={t('application.contactEmailHint')}
        type="email"
        autoComplete="email"
        required
        value={contactEmail}
        onChange={(e) => setContactEmail(e.target.value)}
        error={errors.contactEmail}
      />
      {canWrite && (
        <button type="submit" className="button primary" disabled={action.busy}>
          {t('application.submit')}
        </button>
      )}
    </form>
  );
}

function Contract({
  application,
  canWrite,
  onChanged,
  checklist,
}: {
  application: ApplicationView;
  canWrite: boolean;
  onChanged: (application: ApplicationView) => void;
  checklist: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const action = useAction();
  const [moved, setMoved] = useState<string>();
  const next = nextStage(application.stage);
  const approved = approvedCompanies(application);
  const contractDone = stageReached(application.stage, 'CONTRACT_COMPLETED');

  const advance = () => {
    if (!next) return;
    setMoved(undefined);
    void action.run(async () => {
      onChanged(await api.post<ApplicationView>('/application/advance', { stage: next }));
      setMoved(t('application.advanced', { stage: t(`stages.${next}`) }));
    });
  };

  return (
    <div className="contract" data-testid="contract">
      <dl className="facts">
        <dt>{t('application.stage')}</dt>
        <dd>
          <strong data-testid="current-stage">{t(`stages.${application.stage}`)}</strong>
        </dd>
        <dt>{t('application.submittedAt')}</dt>
        <dd>{formatDateTime(application.submittedAt, i18n.language)}</dd>
        <dt>{t('application.contactEmail')}</dt>
        <dd>{application.contactEmail}</dd>
        <dt>{t('application.paymentMethods')}</dt>
        <dd>{application.paymentMethods.map((m) => t(`methods.${m}`, { defaultValue: m })).join(', ')}</dd>
        <dt>{t('application.pgProviders')}</dt>
        <dd>{application.pgProviders.map((pg) => t(`channels.${pg}`, { defaultValue: pg })).join(', ')}</dd>
      </dl>

      <div className="gates" data-testid="live-gate">
        {approved.length === 0 ? (
          <div className="callout warn" role="note">
            {t('application.gateBlocked')}
          </div>
        ) : (
          <div className="callout ok-callout" role="note">
            {t('application.gateOpen', { companies: approved.map((c) => t(`cardCompanies.${c}`, { defaultValue: c })).join(', ') })}
          </div>
        )}
        <p className={contractDone ? 'ok' : 'muted'}>{contractDone ? t('application.liveChannelOpen') : t('application.liveChannelBlocked')}</p>
      </div>

      <h2>{t('application.timeline')}</h2>
      <ErrorBanner error={action.error} />
      {moved && (
        <p className="ok" role="status">
          {moved}
        </p>
      )}
      {next && isMerchantStage(next) && canWrite && (
        <div className="next-step">
          <span>{t('application.nextMerchant')}:</span>
          <button type="button" className="button primary" disabled={action.busy} onClick={advance}>
            {t(`application.advance.${next}`)}
          </button>
          {next === 'TEST_CHANNEL_SETUP' && (
            <a href={href('channels')} onClick={(e) => (e.preventDefault(), navigate('channels'))}>
              {t('application.testChannelFirst')}
            </a>
          )}
        </div>
      )}
      {next && !isMerchantStage(next) && <p className="muted">{t('application.waitOperator', { stage: t(`stages.${next}`) })}</p>}
      <StageTimeline application={application} />
      {checklist}

      <h2>{t('application.documents')}</h2>
      <p className="muted">{t('application.documentsLead')}</p>
      <DocumentChecklist application={application} onUploaded={canWrite ? onChanged : undefined} />

      <h2>{t('application.cardReviews')}</h2>
      <CardReviewTable application={application} />

      <h2>{t('application.notifications')}</h2>
      <p className="muted">{t('application.notificationsLead')}</p>
      <Notifications application={application} />
    </div>
  );
}

function MailStatus({ notification: n }: { notification: ApplicationView['notifications'][number] }) {
  const { t } = useTranslation();
  const [className, label] =
    n.status === 'SENT'
      ? ['live', t('application.sent')]
      : n.status === 'FAILED'
        ? ['danger', t('application.failed')]
        : n.status === 'PENDING'
          ? ['', n.error ? t('application.retrying') : t('application.pending')]
          : ['muted-badge', t('application.recorded')];
  return (
    <span className={`badge ${className}`} data-testid="mail-status" data-status={n.status}>
      {label}
    </span>
  );
}

function Notifications({ application }: { application: ApplicationView }) {
  const { t, i18n } = useTranslation();
  if (application.notifications.length === 0) return <p className="muted">{t('application.notificationsEmpty')}</p>;
  return (
    <ul className="notification-list" data-testid="notifications">
      {[...application.notifications].reverse().map((n) => (
        <li key={n.id}>
          <div className="notification-head">
            <span className="nowrap muted">{formatDateTime(n.createdAt, i18n.language)}</span>
            <MailStatus notification={n} />
          </div>
          {n.status === 'SENT' && n.sentAt && <span className="muted small-label">{t('application.sentAt', { date: formatDateTime(n.sentAt, i18n.language) })}</span>}
          {n.error && (n.status === 'FAILED' || n.status === 'PENDING') && (
            <span className={`small-label ${n.status === 'FAILED' ? 'field-error' : 'muted'}`} data-testid="mail-error">
              {t('application.mailError', { error: n.error })}
            </span>
          )}
          {n.status === 'PENDING' && n.error && n.nextAttemptAt && (
            <span className="muted small-label">{t('application.nextAttempt', { date: formatDateTime(n.nextAttemptAt, i18n.language), count: n.attemptCount })}</span>
          )}
          <strong className="notification-subject">{n.subject}</strong>
          <span className="muted small-label">
            {t('application.to')}: {n.toEmail}
          </span>
          <details>
            <summary>{t('application.viewBody')}</summary>
            <pre className="mail-body">{n.body}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}

/** 개발진행: ticked by the server from what happened in the store (a TEST channel, a window payment, a cancel, a 2xx webhook). */
function DevChecklistPanel({ storeId, storeName }: { storeId: string; storeName: string | undefined }) {
  const { t, i18n } = useTranslation();
  const checklist = useLoad(() => api.get<DevChecklist>(`/stores/${storeId}/dev-checklist`), storeId);
  const evidence = (key: (typeof devChecklistKeys)[number], value: string) =>
    t(`checklist.evidence.${key}`, { value: key === 'webhook' ? formatDateTime(value, i18n.language) : value });
  return (
    <section className="panel" data-testid="dev-checklist" aria-labelledby="dev-checklist-title">
      <h2 id="dev-checklist-title">{t('checklist.title')}</h2>
      <p className="muted">
        {t('checklist.lead')} {storeName && t('checklist.store', { store: storeName })}
      </p>
      <ErrorBanner error={checklist.error} />
      {checklist.data && (
        <ul className="checklist">
          {checklist.data.items.map((item) => (
            <li key={item.key} className={item.done ? 'done' : undefined} data-testid={`check-${item.key}`} data-done={item.done}>
              <span className="check-mark" aria-hidden="true">
                {item.done ? '✓' : ''}
              </span>
              <span className="check-text">
                <span>{t(`checklist.items.${item.key}`)}</span>
                <span className="sr-only">: {item.done ? t('checklist.done') : t('checklist.notDone')}</span>
                {item.evidence && <small className="muted">{evidence(item.key, item.evidence)}</small>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {checklist.data?.complete && (
        <p className="ok" role="status">
          {t('checklist.complete')}
        </p>
      )}
    </section>
  );
}
