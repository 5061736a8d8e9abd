import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Session } from '../api.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { href, navigate } from '../router.ts';
import { AuthLayout } from './AuthLayout.tsx';

export function Login({ onSession }: { onSession: (session: Session) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSession(await api.post<Session>('/login', { email, password }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('loginTitle')}>
      <form onSubmit={submit} data-testid="login-form" className="stack">
        <ErrorBanner error={error} />
        <Field id="login-email" label={t('email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field id="login-password" label={t('password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="button primary" disabled={busy}>
          {t('login')}
        </button>
      </form>
      <p className="muted">
        {t('noAccount')}{' '}
        <a href={href('signup')} onClick={(e) => (e.preventDefault(), navigate('signup'))}>
          {t('signup')}
        </a>
      </p>
    </AuthLayout>
  );
}
