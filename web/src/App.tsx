import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, whenSignedOut, type Session } from './api.ts';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { ApiKeys } from './pages/ApiKeys.tsx';
import { Channels } from './pages/Channels.tsx';
import { ComingSoon } from './pages/ComingSoon.tsx';
import { Home } from './pages/Home.tsx';
import { Login } from './pages/Login.tsx';
import { isSection, Shell, type Section } from './pages/Shell.tsx';
import { Signup } from './pages/Signup.tsx';
import { Webhooks } from './pages/Webhooks.tsx';
import { navigate, usePath } from './router.ts';

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: Session }
  | { status: 'error'; error: unknown };

const storeKey = 'paymux.store';

export function App() {
  const { t } = useTranslation();
  const path = usePath();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [chosenStore, setChosenStore] = useState(() => sessionStorage.getItem(storeKey) ?? undefined);

  useEffect(() => {
    whenSignedOut(() => setState({ status: 'signed-out' }));
    api
      .get<Session>('/me')
      .then((session) => setState({ status: 'signed-in', session }))
      .catch((error) => setState(error instanceof ApiError && error.status === 401 ? { status: 'signed-out' } : { status: 'error', error }));
  }, []);

  // Signed in on the login or sign-up address (or the bare /console/): show home there instead.
  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (signedIn && !isSection(path)) navigate('home', { replace: true });
  }, [signedIn, path]);

  const chooseStore = (storeId: string) => {
    sessionStorage.setItem(storeKey, storeId);
    setChosenStore(storeId);
  };

  const logout = async () => {
    await api.post('/logout').catch(() => undefined);
    setState({ status: 'signed-out' });
    navigate('login');
  };

  if (state.status === 'loading') return <p className="loading">{t('loading')}</p>;
  if (state.status === 'error') {
    return (
      <main className="content">
        <ErrorBanner error={state.error} />
      </main>
    );
  }
  if (state.status === 'signed-out') {
    const onSession = (session: Session) => setState({ status: 'signed-in', session });
    return path === 'signup' ? <Signup onSession={onSession} /> : <Login onSession={onSession} />;
  }

  const { session } = state;
  const section: Section = isSection(path) ? path : 'home';
  const store = session.stores.find((s) => s.id === chosenStore) ?? session.stores[0];
  return (
    <Shell session={session} section={section} storeId={store?.id} onStore={chooseStore} onLogout={logout}>
      {store ? pageOf(section, session, store.id) : <p className="muted">{t('noStore')}</p>}
    </Shell>
  );
}

function pageOf(section: Section, session: Session, storeId: string): ReactNode {
  const canWrite = session.user.role !== 'viewer';
  switch (section) {
    case 'home':
      return <Home session={session} storeId={storeId} />;
    case 'application':
      return <ComingSoon titleKey="nav.application" />;
    case 'channels':
      return <Channels storeId={storeId} />;
    case 'payments':
      return <ComingSoon titleKey="nav.payments" />;
    case 'billing-keys':
      return <ComingSoon titleKey="nav.billingKeys" />;
    case 'webhooks':
      return <Webhooks key={storeId} storeId={storeId} canWrite={canWrite} />;
    case 'api-keys':
      return <ApiKeys key={storeId} storeId={storeId} canWrite={canWrite} />;
  }
}
