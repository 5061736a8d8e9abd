import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.ts';
import { CardReviewTable, DocumentChecklist } from '../components/ContractParts.tsx';
import { ErrorBanner, useErrorText } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { StageTimeline } from '../components/StageTimeline.tsx';
import { cardCompanies, isMerchantStage, nextStage, stageReached, type Application } from '../contract.ts';
import { formatDateTime } from '../format.ts';
import { useAction } from '../useAction.ts';
import { useLoad } from '../useLoad.ts';

/** Operator area: every merchant's application, moved through the PG-side stages, card reviews recorded. */
export function Operator() {
  const { t } = useTranslation();
  const list = useLoad(() => api.get<{ items: Application[] }>('/operator/applications'), 'operator');
  // Writes answer the application's new view; keep it over the loaded one.
  const [updated, setUpdated] = useState<Record<string, Application>>({});
  const items = (list.data?.items ?? []).map((a) => updated[a.id] ?? a);
  return (
    <section>
      <h1>{t('operator.title')}</h1>
      <p className="muted">{t('operator.lead')}</p>
      <ErrorBanner error={list.error} />
      {!list.data && !list.error && <p className="muted">{t('loading')}</p>}
      {list.data && items.length === 0 && <p className="muted">{t('operator.empty')}</p>}
      <div className="card-list">
        {items.map((application) => (
          <OperatorApplication key={application.id} application={application} onChanged={(a) => setUpdated((u) => ({ ...u, [a.id]: a }))} />
        ))}
      </div>
    </section>
  );
}

function OperatorApplication({ application, onChanged }: { application: Application; onChanged: (application: Application) => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(true);
  const titleId = `application-${application.id}-title`;
  const merchant = application.merchant;
  return (
    <article className="card" aria-labelledby={titleId} data-testid={`application-${merchant?.code ?? application.id}`}>
      <header className="card-head">
        <h2 id={titleId}>{merchant?.name ?? application.id}</h2>
        {merchant && <code>{merchant.code}</code>}
        <span className="badge" data-testid="application-stage">
          {t(`stages.${application.stage}`)}
        </span>
      </header>
      <dl className="facts compact">
        <dt>{t('application.submittedAt')}</dt>
        <dd>{formatDateTime(application.submittedAt, i18n.language)}</dd>
        <dt>{t('operator.contact')}</dt>
        <dd>
          <a href={`mailto:${application.contactEmail}`}>{application.contactEmail}</a>
        </dd>
        <dt>{t('application.paymentMethods')}</dt>
        <dd>{application.paymentMethods.map((m) => t(`methods.${m}`, { defaultValue: m })).join(', ')}</dd>
      </dl>
      <AdvanceForm application={application} onChanged={onChanged} />
      <CardReviewForm application={application} onChanged={onChanged} />
      <div className="disclosure">
        <button type="button" className="button small ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} {t('application.timeline')} · {t('application.documents')} · {t('application.cardReviews')}
        </button>
        {open && (
          <div className="stack">
            <StageTimeline application={application} />
            <h3>{t('application.documents')}</h3>
            <DocumentChecklist application={application} />
            <h3>{t('application.cardReviews')}</h3>
            <CardReviewTable application={application} />
          </div>
        )}
      </div>
    </article>
  );
}

function AdvanceForm({ application, onChanged }: { application: Application; onChanged: (application: Application) => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [note, setNote] = useState('');
  const [moved, setMoved] = useState<string>();
  const next = nextStage(application.stage);
  const status = (
    <div className="form-messages">
      <ErrorBanner error={action.error} />
      {moved && (
        <p className="ok" role="status">
          {moved}
        </p>
      )}
    </div>
  );
  // After a move the next stage may be the merchant's: the form goes, the move's message stays.
  if (!next || isMerchantStage(next)) {
    return (
      <div>
        {status}
        <p className="muted">{next ? t('operator.waitMerchant', { stage: t(`stages.${next}`) }) : t('operator.finished')}</p>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMoved(undefined);
    void action.run(async () => {
      onChanged(await api.post<Application>(`/operator/applications/${application.id}/advance`, { stage: next, note: note.trim() || undefined }));
      setNote('');
      setMoved(t('operator.moved', { stage: t(`stages.${next}`) }));
    });
  };

  return (
    <form className="inline-form" onSubmit={submit} data-testid="advance-form">
      <Field
        id={`advance-note-${application.id}`}
        label={t('operator.advanceNote')}
        hint={t('operator.advanceNoteHint')}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit" className="button primary" disabled={action.busy}>
        {t('operator.advanceTo', { stage: t(`stages.${next}`) })}
      </button>
      {status}
    </form>
  );
}

/** Today in Korea, as the date input wants it. */
const koreanToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

const reviewFields = ['cardCompany', 'decidedOn'] as const;

function CardReviewForm({ application, onChanged }: { application: Application; onChanged: (application: Application) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const action = useAction();
  const [cardCompany, setCardCompany] = useState<string>(cardCompanies[0]);
  const [result, setResult] = useState<'APPROVED' | 'REJECTED'>('APPROVED');
  const [decidedOn, setDecidedOn] = useState(koreanToday);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [recorded, setRecorded] = useState<string>();
  if (!stageReached(application.stage, 'CARD_REVIEW')) return null;
  const id = (field: string) => `review-${field}-${application.id}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setRecorded(undefined);
    void action.run(
      async () => {
        onChanged(await api.post<Application>(`/operator/applications/${application.id}/card-reviews`, { cardCompany, result, decidedOn, note: note.trim() || undefined }));
        setNote('');
        setRecorded(t('operator.recorded', { company: t(`cardCompanies.${cardCompany}`, { defaultValue: cardCompany }) }));
      },
      (failure) => {
        if (!(failure instanceof ApiError && failure.field && (reviewFields as readonly string[]).includes(failure.field))) return false;
        setErrors({ [failure.field]: errorText(failure) });
        return true;
      },
    );
  };

  return (
    <form className="panel stack review-form" onSubmit={submit} noValidate aria-labelledby={id('title')} data-testid="card-review-form">
      <h3 id={id('title')}>{t('operator.recordReview')}</h3>
      <ErrorBanner error={action.error} />
      <div className="field-row">
        <SelectField
          id={id('cardCompany')}
          label={t('application.cardCompany')}
          value={cardCompany}
          onChange={(e) => setCardCompany(e.target.value)}
          options={cardCompanies.map((c) => ({ value: c, label: t(`cardCompanies.${c}`, { defaultValue: c }) }))}
          error={errors.cardCompany}
        />
        <SelectField
          id={id('result')}
          label={t('application.result')}
          value={result}
          onChange={(e) => setResult(e.target.value as 'APPROVED' | 'REJECTED')}
          options={[
            { value: 'APPROVED', label: t('application.APPROVED') },
            { value: 'REJECTED', label: t('application.REJECTED') },
          ]}
        />
        <Field id={id('decidedOn')} label={t('application.decidedOn')} type="date" required value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} error={errors.decidedOn} />
      </div>
      <Field id={id('note')} label={t('application.reviewMemo')} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={action.busy}>
          {t('operator.record')}
        </button>
        {recorded && (
          <span className="ok" role="status">
            {recorded}
          </span>
        )}
      </div>
    </form>
  );
}
