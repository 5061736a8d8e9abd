import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.ts';
import { Choices } from '../components/Choices.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorBanner, useErrorText } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { SelectField } from '../components/SelectField.tsx';
import {
  hectoTestMids,
  inLanguage,
  paymentMethods,
  taxSettings,
  type Channel,
  type ConnectionCheck,
  type TaxSetting,
  type VaNoticeRequest,
} from '../contract.ts';
import { useAction } from '../useAction.ts';
import { useLoad } from '../useLoad.ts';

interface PageProps {
  storeId: string;
  canWrite: boolean;
}

type FieldErrors = Record<string, string>;

/** A failure the server tied to one of `fields` goes beside that field; anything else to the banner. */
function useFieldErrors(fields: readonly string[], idPrefix: string) {
  const errorText = useErrorText();
  const [errors, setErrors] = useState<FieldErrors>({});
  const claim = (failure: unknown) => {
    if (!(failure instanceof ApiError && failure.field && fields.includes(failure.field))) return false;
    setErrors({ [failure.field]: errorText(failure) });
    document.getElementById(`${idPrefix}${failure.field}`)?.focus();
    return true;
  };
  return { errors, setErrors, claim };
}

export function Channels({ storeId, canWrite }: PageProps) {
  const { t } = useTranslation();
  const channels = useLoad(() => api.get<{ items: Channel[] }>(`/stores/${storeId}/channels`), storeId);
  const [adding, setAdding] = useState(false);
  const [addMode, setAddMode] = useState<'TEST' | 'LIVE'>('TEST');
  const [notice, setNotice] = useState<string>();
  const items = channels.data?.items ?? [];
  const showTestCallout = items.some((c) => c.mode === 'TEST') || (adding && addMode === 'TEST');

  return (
    <section>
      <div className="page-head">
        <h1>{t('channels.title')}</h1>
        {canWrite && !adding && (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setNotice(undefined);
              setAdding(true);
            }}
          >
            {t('channels.add')}
          </button>
        )}
      </div>
      <p className="muted">{t('channels.lead')}</p>
      {showTestCallout && (
        <div className="callout warn" role="note" data-testid="test-mode-callout">
          {t('channels.testCallout')}
        </div>
      )}
      <ErrorBanner error={channels.error} />
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      {adding && (
        <AddChannel
          storeId={storeId}
          mode={addMode}
          onMode={setAddMode}
          onCancel={() => setAdding(false)}
          onAdded={async (channel) => {
            setAdding(false);
            setNotice(t('channels.added', { name: channel.name }));
            await channels.reload();
          }}
        />
      )}
      {!channels.data && !channels.error && <p className="muted">{t('loading')}</p>}
      {channels.data && items.length === 0 && <p className="muted">{t('channels.empty')}</p>}
      <div className="card-list">
        {items.map((channel) => (
          <ChannelCard
            key={channel.id}
            storeId={storeId}
            channel={channel}
            canWrite={canWrite}
            onChanged={async (message) => {
              setNotice(message);
              await channels.reload();
            }}
          />
        ))}
      </div>
    </section>
  );
}

const addFields = ['mode', 'name', 'mid', 'licenseKey', 'encryptionKey', 'taxSetting'] as const;

function AddChannel({
  storeId,
  mode,
  onMode,
  onCancel,
  onAdded,
}: {
  storeId: string;
  mode: 'TEST' | 'LIVE';
  onMode: (mode: 'TEST' | 'LIVE') => void;
  onCancel: () => void;
  onAdded: (channel: Channel) => Promise<void>;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const fields = useFieldErrors(addFields, 'add-');
  const [name, setName] = useState('');
  const [testMid, setTestMid] = useState<string>(hectoTestMids[0]);
  const [liveMid, setLiveMid] = useState('');
  const [licenseKey, setLicenseKey] = useState('');
  const [encryptionKey, setEncryptionKey] = useState('');
  const [taxSetting, setTaxSetting] = useState<TaxSetting>('TAXABLE');
  const id = (field: string) => `add-${field}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    fields.setErrors({});
    const body = {
      mode,
      pgProvider: 'SETTLE',
      module: 'HECTO_WINDOW_API',
      attribute: 'PAYMENT',
      name: name.trim(),
      taxSetting,
      ...(mode === 'TEST' ? { mid: testMid } : { mid: liveMid.trim(), licenseKey, encryptionKey }),
    };
    void action.run(async () => {
      await onAdded(await api.post<Channel>(`/stores/${storeId}/channels`, body));
    }, fields.claim);
  };

  return (
    <form className="panel stack" onSubmit={submit} noValidate aria-labelledby="add-title" data-testid="add-channel-form">
      <h2 id="add-title">{t('channels.addTitle')}</h2>
      <ErrorBanner error={action.error} />
      <Choices
        id={id('mode')}
        legend={t('channels.mode')}
        type="radio"
        value={mode}
        onChange={(value) => onMode(value as 'TEST' | 'LIVE')}
        options={[
          { value: 'TEST', label: t('channels.modeTest') },
          { value: 'LIVE', label: t('channels.modeLive') },
        ]}
        hint={mode === 'LIVE' ? t('channels.liveCallout') : undefined}
        error={fields.errors.mode}
      />
      <div className="field-row">
        <SelectField id={id('pg')} label={t('channels.pg')} value="SETTLE" onChange={() => undefined} options={[{ value: 'SETTLE', label: t('channels.SETTLE') }]} />
        <SelectField
          id={id('module')}
          label={t('channels.module')}
          value="HECTO_WINDOW_API"
          onChange={() => undefined}
          options={[{ value: 'HECTO_WINDOW_API', label: t('channels.HECTO_WINDOW_API') }]}
        />
      </div>
      <div className="field-row">
        <Field
          id={id('name')}
          label={t('channels.name')}
          hint={t('channels.nameHint')}
          required
          maxLength={50}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fields.errors.name}
        />
        <SelectField id={id('attribute')} label={t('channels.attribute')} value="PAYMENT" onChange={() => undefined} options={[{ value: 'PAYMENT', label: t('channels.PAYMENT') }]} />
      </div>
      {mode === 'TEST' ? (
        <Choices
          id={id('mid')}
          legend={t('channels.mid')}
          type="radio"
          value={testMid}
          onChange={setTestMid}
          hint={t('channels.testMidHint')}
          options={hectoTestMids.map((mid) => ({ value: mid, label: mid, hint: t(`channels.testMids.${mid}`) }))}
          error={fields.errors.mid}
        />
      ) : (
        <>
          <Field
            id={id('mid')}
            label={t('channels.mid')}
            hint={t('channels.liveMidHint')}
            required
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            value={liveMid}
            onChange={(e) => setLiveMid(e.target.value)}
            error={fields.errors.mid}
          />
          <div className="field-row">
            <Field
              id={id('licenseKey')}
              label={t('channels.licenseKey')}
              hint={t('channels.licenseKeyHint')}
              type="password"
              required
              autoComplete="new-password"
              value={licenseKey}
              onChange={(e) => setLicenseKey(e.target.value)}
              error={fields.errors.licenseKey}
            />
            <Field
              id={id('encryptionKey')}
              label={t('channels.encryptionKey')}
              hint={t('channels.encryptionKeyHint')}
              type="password"
              required
              autoComplete="new-password"
              value={encryptionKey}
              onChange={(e) => setEncryptionKey(e.target.value)}
              error={fields.errors.encryptionKey}
            />
          </div>
        </>
      )}
      <SelectField
        id={id('taxSetting')}
        label={t('channels.taxSetting')}
        hint={t('channels.taxHint')}
        value={taxSetting}
        onChange={(e) => setTaxSetting(e.target.value as TaxSetting)}
        options={taxSettings.map((s) => ({ value: s, label: t(`tax.${s}`) }))}
        error={fields.errors.taxSetting}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={action.busy}>
          {t('channels.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('channels.cancel')}
        </button>
      </div>
    </form>
  );
}

function ChannelCard({ storeId, channel, canWrite, onChanged }: { storeId: string; channel: Channel; canWrite: boolean; onChanged: (message?: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const [check, setCheck] = useState<ConnectionCheck>();
  const [noticeOpen, setNoticeOpen] = useState(false);
  const base = `/stores/${storeId}/channels/${channel.id}`;
  const titleId = `channel-${channel.id}-title`;

  const checkConnection = () => {
    setCheck(undefined);
    void action.run(async () => setCheck(await api.post<ConnectionCheck>(`${base}/check-connection`)));
  };
  const makeDefault = (method: string) => void action.run(async () => {
    await api.post(`${base}/default`, { method });
    await onChanged();
  });
  const remove = () => {
    if (!window.confirm(t('channels.confirmDelete', { name: channel.name }))) return;
    void action.run(async () => {
      await api.delete(base);
      await onChanged(t('channels.deleted', { name: channel.name }));
    });
  };

  return (
    <article className={`card${channel.enabled ? '' : ' disabled'}`} aria-labelledby={titleId} data-testid={`channel-${channel.mid}`}>
      <header className="card-head">
        <h2 id={titleId}>{channel.name}</h2>
        <span className={`badge ${channel.mode === 'TEST' ? 'test' : 'live'}`}>{t(`channels.${channel.mode}`)}</span>
        <span className={`badge ${channel.enabled ? 'live' : 'muted-badge'}`}>{channel.enabled ? t('channels.enabled') : t('channels.disabled')}</span>
      </header>
      <dl className="facts compact">
        <dt>{t('channels.pg')}</dt>
        <dd>{channel.pgProvider === 'SETTLE' ? t('channels.SETTLE') : channel.pgProvider}</dd>
        <dt>{t('channels.mid')}</dt>
        <dd>
          <code>{channel.mid}</code>
          {channel.midDescription && <span className="muted"> · {inLanguage(channel.midDescription, i18n.language)}</span>}
        </dd>
        <dt>{t('channels.key')}</dt>
        <dd className="key-row">
          <code className="truncate" title={channel.key}>
            {channel.key}
          </code>{' '}
          <CopyButton value={channel.key} label={`${t('channels.key')} ${channel.name}`} />
        </dd>
        {channel.mode === 'LIVE' && (
          <>
            <dt>{t('channels.licenseKey')}</dt>
            <dd>
              <code>{channel.maskedLicenseKey}</code>
            </dd>
            <dt>{t('channels.encryptionKey')}</dt>
            <dd>
              <code>{channel.maskedEncryptionKey}</code>
            </dd>
          </>
        )}
        <dt>{t('channels.taxSetting')}</dt>
        <dd>{t(`tax.${channel.taxSetting}`)}</dd>
        <dt>{t('channels.defaultFor')}</dt>
        <dd data-testid="default-methods">
          {channel.defaultMethods.length === 0
            ? t('channels.defaultNone')
            : channel.defaultMethods.map((m) => (
                <span key={m} className="badge">
                  {t(`methods.${m}`)}
                </span>
              ))}
        </dd>
      </dl>
      <ErrorBanner error={action.error} />
      {check && (
        <p className={check.result === 'ACCEPTED' ? 'ok' : 'field-error'} role="status" data-testid="connection-result">
          {t('channels.checkConnection')}: {inLanguage(check.message, i18n.language)}
        </p>
      )}
      {canWrite && (
        <div className="actions">
          <button type="button" className="button small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {t('channels.edit')}
          </button>
          <button type="button" className="button small" disabled={action.busy} onClick={checkConnection}>
            {t('channels.checkConnection')}
          </button>
          <button type="button" className="button small danger" disabled={action.busy} onClick={remove}>
            {t('channels.delete')}
          </button>
        </div>
      )}
      {canWrite && channel.enabled && channel.methods.some((m) => !channel.defaultMethods.includes(m)) && (
        <div className="actions" role="group" aria-label={t('channels.makeDefault')}>
          <span className="muted small-label">{t('channels.makeDefault')}</span>
          {paymentMethods
            .filter((m) => channel.methods.includes(m) && !channel.defaultMethods.includes(m))
            .map((m) => (
              <button
                key={m}
                type="button"
                className="button small ghost"
                disabled={action.busy}
                aria-label={`${channel.name}: ${t('channels.makeDefaultFor', { method: t(`methods.${m}`) })}`}
                onClick={() => makeDefault(m)}
              >
                {t(`methods.${m}`)}
              </button>
            ))}
        </div>
      )}
      {editing && (
        <EditChannel
          storeId={storeId}
          channel={channel}
          onCancel={() => setEditing(false)}
          onSaved={async (saved) => {
            setEditing(false);
            await onChanged(t('channels.saved', { name: saved.name }));
          }}
        />
      )}
      {/* The deposit-notice request mail is for the MID issued by the contract (LIVE) that takes virtual accounts. */}
      {channel.mode === 'LIVE' && channel.methods.includes('VIRTUAL_ACCOUNT') && (
        <div className="disclosure">
          <button type="button" className="button small ghost" aria-expanded={noticeOpen} onClick={() => setNoticeOpen(!noticeOpen)}>
            {noticeOpen ? '▾' : '▸'} {t('channels.vaNotice')}
          </button>
          {noticeOpen && <VaNotice path={`${base}/va-notice-request`} />}
        </div>
      )}
      {channel.mode === 'TEST' && channel.methods.includes('VIRTUAL_ACCOUNT') && (
        <p className="muted small-label" data-testid="va-notice-test">
          {t('channels.vaNoticeTest')}
        </p>
      )}
    </article>
  );
}

const editFields = ['name', 'taxSetting', 'enabled', 'mid', 'licenseKey', 'encryptionKey'] as const;

function EditChannel({ storeId, channel, onCancel, onSaved }: { storeId: string; channel: Channel; onCancel: () => void; onSaved: (channel: Channel) => Promise<void> }) {
  const { t } = useTranslation();
  const action = useAction();
  const prefix = `edit-${channel.id}-`;
  const fields = useFieldErrors(editFields, prefix);
  const [name, setName] = useState(channel.name);
  const [taxSetting, setTaxSetting] = useState<TaxSetting>(channel.taxSetting);
  const [enabled, setEnabled] = useState(channel.enabled);
  const [mid, setMid] = useState(channel.mid);
  const [licenseKey, setLicenseKey] = useState('');
  const [encryptionKey, setEncryptionKey] = useState('');
  const id = (field: string) => `${prefix}${field}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    fields.setErrors({});
    // The keys travel only when re-entered; the server then wants the MID and both keys together.
    const rekey = channel.mode === 'LIVE' && (licenseKey !== '' || encryptionKey !== '' || mid.trim() !== channel.mid);
    const body = { name: name.trim(), taxSetting, enabled, ...(rekey ? { mid: mid.trim(), licenseKey, encryptionKey } : {}) };
    void action.run(async () => {
      await onSaved(await api.patch<Channel>(`/stores/${storeId}/channels/${channel.id}`, body));
    }, fields.claim);
  };

  return (
    <form className="stack edit-form" onSubmit={submit} noValidate aria-label={t('channels.editTitle', { name: channel.name })}>
      <ErrorBanner error={action.error} />
      <Field id={id('name')} label={t('channels.name')} hint={t('channels.nameHint')} required maxLength={50} value={name} onChange={(e) => setName(e.target.value)} error={fields.errors.name} />
      <SelectField
        id={id('taxSetting')}
        label={t('channels.taxSetting')}
        value={taxSetting}
        onChange={(e) => setTaxSetting(e.target.value as TaxSetting)}
        options={taxSettings.map((s) => ({ value: s, label: t(`tax.${s}`) }))}
        error={fields.errors.taxSetting}
      />
      <div className="check-field">
        <input type="checkbox" id={id('enabled')} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <label htmlFor={id('enabled')}>{t('channels.enabledLabel')}</label>
      </div>
      {channel.mode === 'LIVE' && (
        <>
          <p className="hint">{t('channels.rekeyHint')}</p>
          <Field id={id('mid')} label={t('channels.mid')} autoComplete="off" spellCheck={false} maxLength={20} value={mid} onChange={(e) => setMid(e.target.value)} error={fields.errors.mid} />
          <Field
            id={id('licenseKey')}
            label={t('channels.licenseKey')}
            type="password"
            autoComplete="new-password"
            placeholder={channel.maskedLicenseKey ?? ''}
            value={licenseKey}
            onChange={(e) => setLicenseKey(e.target.value)}
            error={fields.errors.licenseKey}
          />
          <Field
            id={id('encryptionKey')}
            label={t('channels.encryptionKey')}
            type="password"
            autoComplete="new-password"
            placeholder={channel.maskedEncryptionKey ?? ''}
            value={encryptionKey}
            onChange={(e) => setEncryptionKey(e.target.value)}
            error={fields.errors.encryptionKey}
          />
        </>
      )}
      <div className="actions">
        <button type="submit" className="button primary small" disabled={action.busy}>
          {t('channels.save')}
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          {t('channels.cancel')}
        </button>
      </div>
    </form>
  );
}

/** What the merchant mails Hecto so deposits on this MID are announced to this paymux. */
function VaNotice({ path }: { path: string }) {
  const { t } = useTranslation();
  const notice = useLoad(() => api.get<VaNoticeRequest>(path), path);
  if (notice.error) return <ErrorBanner error={notice.error} />;
  if (!notice.data) return <p className="muted">{t('loading')}</p>;
  const mail = notice.data;
  return (
    <div className="mail" data-testid="va-notice">
      <p className="muted">{t('channels.vaNoticeLead')}</p>
      <dl className="facts compact">
        <dt>{t('channels.vaTo')}</dt>
        <dd>
          <code>{mail.to}</code> <CopyButton value={mail.to} label={t('channels.vaTo')} />
        </dd>
        <dt>{t('channels.vaSubject')}</dt>
        <dd>
          {mail.subject} <CopyButton value={mail.subject} label={t('channels.vaSubject')} />
        </dd>
        <dt>{t('channels.vaBody')}</dt>
        <dd>
          <pre className="mail-body">{mail.body}</pre>
          <CopyButton value={mail.body} label={t('channels.vaBody')} />
        </dd>
      </dl>
      <a className="button small primary" href={mail.mailto}>
        {t('channels.vaSend')}
      </a>
    </div>
  );
}
