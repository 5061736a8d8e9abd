import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.ts';
import { fileUrl, inLanguage, maxUploadBytes, readUpload, type Application, type ContractDocument } from '../contract.ts';
import { formatDateTime } from '../format.ts';
import { useErrorText } from './ErrorBanner.tsx';
import { FileInput } from './FileInput.tsx';

/** 계약 구비서류: each document, whether it is there, its files; with an upload per document for the merchant. */
export function DocumentChecklist({ application, onUploaded }: { application: Application; onUploaded?: (application: Application) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="doc-list" aria-label={t('application.documents')}>
      {application.documents.map((doc) => (
        <DocumentItem key={doc.kind} applicationId={application.id} doc={doc} onUploaded={onUploaded} />
      ))}
    </ul>
  );
}

function DocumentItem({ applicationId, doc, onUploaded }: { applicationId: string; doc: ContractDocument; onUploaded?: (application: Application) => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const label = inLanguage(doc, i18n.language);
  const inputId = `doc-${doc.kind}`;

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file || !onUploaded) return;
    setError(undefined);
    setDone(false);
    if (file.size > maxUploadBytes) {
      setError(t('application.fileTooLarge'));
      input.value = '';
      return;
    }
    setBusy(true);
    try {
      onUploaded(await api.post<Application>('/application/documents', { kind: doc.kind, ...(await readUpload(file)) }));
      setDone(true);
    } catch (failure) {
      setError(failure instanceof ApiError ? errorText(failure) : t('unreachable'));
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  return (
    <li className={`doc ${doc.uploaded ? 'uploaded' : 'missing'}`} data-kind={doc.kind}>
      <div className="doc-head">
        <span className="doc-state" aria-hidden="true">
          {doc.uploaded ? '✓' : '○'}
        </span>
        <strong>{label}</strong>
        <span className={`badge ${doc.required ? '' : 'muted-badge'}`}>{doc.required ? t('application.required') : t('application.optional')}</span>
        <span className={`badge ${doc.uploaded ? 'live' : 'test'}`}>{doc.uploaded ? t('application.uploadedMark') : t('application.missingMark')}</span>
      </div>
      {doc.files.length > 0 && (
        <ul className="file-list">
          {doc.files.map((f) => (
            <li key={f.id}>
              <a href={fileUrl(applicationId, f.id)} download={f.fileName}>
                {f.fileName}
              </a>{' '}
              <span className="muted">
                ({Math.max(1, Math.round(f.sizeBytes / 1024))} KB · {formatDateTime(f.uploadedAt, i18n.language)})
              </span>
            </li>
          ))}
        </ul>
      )}
      {onUploaded && (
        <div className="field upload">
          <FileInput
            id={inputId}
            label={t('application.upload', { label })}
            accept=".pdf,.png,.jpg,.jpeg"
            disabled={busy}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onFile={(_file, input) => void upload(input)}
          />
          {busy && <small className="hint">{t('application.uploading')}</small>}
          {done && (
            <small className="ok" role="status">
              {t('application.uploadedOk', { label })}
            </small>
          )}
          {error && (
            <small id={`${inputId}-error`} className="field-error" role="alert">
              {error}
            </small>
          )}
        </div>
      )}
    </li>
  );
}

/** 카드사 심사: each company's result and date. */
export function CardReviewTable({ application }: { application: Application }) {
  const { t } = useTranslation();
  if (application.cardReviews.length === 0) return <p className="muted">{t('application.cardReviewsEmpty')}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="card-reviews">
        <thead>
          <tr>
            <th scope="col">{t('application.cardCompany')}</th>
            <th scope="col">{t('application.result')}</th>
            <th scope="col">{t('application.decidedOn')}</th>
            <th scope="col">{t('application.memo')}</th>
          </tr>
        </thead>
        <tbody>
          {application.cardReviews.map((r) => (
            <tr key={r.cardCompany}>
              <td>{t(`cardCompanies.${r.cardCompany}`, { defaultValue: r.cardCompany })}</td>
              <td>
                <span className={`badge ${r.result === 'APPROVED' ? 'live' : 'danger'}`}>{t(`application.${r.result}`)}</span>
              </td>
              <td className="nowrap">{r.decidedOn}</td>
              <td>{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Live gating as the merchant meets it: LIVE channels from 계약완료, LIVE payments from a card approval. */
export function approvedCompanies(application: Application): string[] {
  return application.cardReviews.filter((r) => r.result === 'APPROVED').map((r) => r.cardCompany);
}
