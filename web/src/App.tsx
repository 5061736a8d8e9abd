import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Session } from './api.ts';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { ApiKeys } from './pages/ApiKeys.tsx';
import { Channels } from './pages/Channels.tsx';
import { ComingSoon } from './pages/ComingSoon.tsx';
import { Home } from './pages/Home.tsx';
import { Login } from './pages/Login.tsx';
import { sections, Shell, type Section } from './pages/Shell.tsx';
import { Signup } from './pages/Signup.tsx';
import { Webhooks } from './pages/Webhooks.tsx';
import { navigate, usePath } from './router.ts';

type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; session: Session } | { status: 'error'; error: unknown };

export function App() {
  const { t } = useTranslation();
  const path = usePath();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [storeId, setStoreId] = useState<string>();

  useEffect(() => {
    api
      .get<Session>('/me')
      .then((session) => setState({ status: 'signed-in', session }))
      .catch((error) => setState(error instanceof ApiError && error.status === 401 ? { status: 'signed-out' } : { status: 'error', error }));
  }, []);

  const signedIn = (session: Session) => {
    setState({ status: 'signed-in', session });
    navigate('home');
  };

  const logout = async () => {
    await api.post('/logout').catch(() => undefined);
    setState({ status: 'signed-out' });
    navigate('login');
  };

  if (state.status === 'loading') return <p className="loading">{t('loading')}</p>;
  if (state.status === 'error') return <ErrorBanner error={state.error} />;
  if (state.status === 'signed-out') {
    return path === 'signup' ? <Signup onSession={signedIn} /> : <Login onSession={signedIn} />;
  }

  const { session } = state;
  const section: Section = (sections as readonly string[]).includes(path) ? (path as Section) : 'home';
  const activeStore = storeId ?? session.stores[0]?.id ?? '';
  const page = {
    home: <Home session={session} storeId={activeStore} />,
    application: <ComingSoon titleKey="nav.application" />,
    channels: <Channels storeId={activeStore} />,
    payments: <ComingSoon titleKey="nav.payments" />,
    'billing-keys': <ComingSoon titleKey="nav.billingKeys" />,
    webhooks: <Webhooks session={session} storeId={activeStore} />,
    'api-keys': <ApiKeys session={session} storeId={activeStore} />,
  }[section];

  return (
    <Shell session={session} section={section} storeId={activeStore} onStore={setStoreId} onLogout={logout}>
      {page}
    </Shell>
  );
}
