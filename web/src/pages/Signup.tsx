import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Session } from '../api.ts';
import { ErrorBanner, useErrorText } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { href, navigate } from '../router.ts';
import { AuthLayout } from './AuthLayout.tsx';

const empty = { companyName: '', businessRegistrationNumber: '', email: '', password: '', passwordConfirm: '' };
type SignupForm = typeof empty;
type FieldErrors = Partial<Record<keyof SignupForm, string>>;

const passwordMinLength = 10;

/** 사업자등록번호 as typed: 10 digits, dashes (or spaces) anywhere allowed. The server checks the check digit. */
const brnDigits = (input: string) => input.replace(/[-\s]/g, '');
const looksLikeBrn = (input: string) => /^\d{10}$/.test(brnDigits(input));

export function Signup({ onSession }: { onSession: (session: Session) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form, setForm] = useState(empty);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof SignupForm) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const check = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (!form.companyName.trim()) errors.companyName = t('signupErrors.companyName');
    if (!looksLikeBrn(form.businessRegistrationNumber)) errors.businessRegistrationNumber = t('signupErrors.brn');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) errors.email = t('signupErrors.email');
    if (form.password.length < passwordMinLength) errors.password = t('signupErrors.passwordTooShort', { min: passwordMinLength });
    else if (form.password !== form.passwordConfirm) errors.passwordConfirm = t('signupErrors.passwordMismatch');
    return errors;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const errors = check();
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      document.getElementById(`signup-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const { passwordConfirm: _, ...body } = form;
      onSession(await api.post<Session>('/signup', { ...body, companyName: body.companyName.trim(), email: body.email.trim() }));
    } catch (failure) {
      if (failure instanceof ApiError && failure.field && failure.field in empty) setFieldErrors({ [failure.field]: errorText(failure) });
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof SignupForm) => ({ id: `signup-${key}`, value: form[key], onChange: set(key), error: fieldErrors[key], required: true });

  return (
    <AuthLayout title={t('signupTitle')}>
      <p className="muted">{t('signupLead')}</p>
      <form onSubmit={submit} className="stack" noValidate data-testid="signup-form">
        <ErrorBanner error={error} />
        <Field {...field('companyName')} label={t('companyName')} autoComplete="organization" maxLength={100} />
        <Field
          {...field('businessRegistrationNumber')}
          label={t('businessRegistrationNumber')}
          hint={t('brnHint')}
          inputMode="numeric"
          placeholder="123-45-67890"
          maxLength={14}
        />
        <Field {...field('email')} label={t('email')} type="email" autoComplete="email" />
        <Field {...field('password')} label={t('password')} type="password" autoComplete="new-password" hint={t('passwordHint', { min: passwordMinLength })} />
        <Field {...field('passwordConfirm')} label={t('passwordConfirm')} type="password" autoComplete="new-password" />
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
