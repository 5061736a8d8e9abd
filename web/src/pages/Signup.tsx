import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Session } from '../api.ts';
import { ErrorBanner, useErrorText } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { href, navigate } from '../router.ts';
import { AuthLayout } from './AuthLayout.tsx';

const empty = { companyName: '', businessRegistrationNumber: '', email: '', password: '', passwordConfirm: '' };

export function Signup({ onSession }: { onSession: (session: Session) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form, setForm] = useState(empty);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof typeof empty, string>>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (form.password.length < 10) return setFieldErrors({ password: t('passwordTooShort') });
    if (form.password !== form.passwordConfirm) return setFieldErrors({ passwordConfirm: t('passwordMismatch') });
    setFieldErrors({});
    setBusy(true);
    try {
      const { passwordConfirm: _, ...body } = form;
      onSession(await api.post<Session>('/signup', body));
    } catch (failure) {
      if (failure instanceof ApiError && failure.field && failure.field in empty) {
        setFieldErrors({ [failure.field]: errorText(failure) });
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('signupTitle')}>
      <p className="muted">{t('signupLead')}</p>
      <form onSubmit={submit} className="stack" noValidate>
        <ErrorBanner error={error} />
        <Field id="signup-company" label={t('companyName')} required value={form.companyName} onChange={set('companyName')} error={fieldErrors.companyName} autoComplete="organization" />
        <Field id="signup-brn" label={t('businessRegistrationNumber')} hint={t('brnHint')} required inputMode="numeric" value={form.businessRegistrationNumber} onChange={set('businessRegistrationNumber')} error={fieldErrors.businessRegistrationNumber} />
        <Field id="signup-email" label={t('email')} type="email" required value={form.email} onChange={set('email')} error={fieldErrors.email} autoComplete="email" />
        <Field id="signup-password" label={t('password')} type="password" required value={form.password} onChange={set('password')} error={fieldErrors.password} autoComplete="new-password" />
        <Field id="signup-password-confirm" label={t('passwordConfirm')} type="password" required value={form.passwordConfirm} onChange={set('passwordConfirm')} error={fieldErrors.passwordConfirm} autoComplete="new-password" />
        <button type="submit" className="button primary" disabled={busy}>
          {t('signup')}
        </button>
      </form>
      <p className="muted">
        {t('haveAccount')}{' '}
        <a href={href('login')} onClick={(e) => (e.preventDefault(), navigate('login'))}>
          {t('login')}
        </a>
      </p>
    </AuthLayout>
  );
}
