import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, whenSignedOut, type Session } from './api.ts';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { ApiKeys } from './pages/ApiKeys.tsx';
import { Channels } from './pages/Channels.tsx';
import { ComingSoon } from './pages/ComingSoon.tsx';
import { Home } from './pages/Home.tsx';
import { Login } from './pages/Login.tsx';
import { Application } from './pages/Application.tsx';
import { Operator } from './pages/Operator.tsx';
import { isSection, landingOf, sectionsOf, Shell, type Section } from './pages/Shell.tsx';
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

  // Signed in on the login or sign-up address (or the bare /console/, or a page this user does not
  // have): show the user's first page there instead (home, or the operator area for an operator).
  const session = state.status === 'signed-in' ? state.session : undefined;
  useEffect(() => {
    if (session && !(isSection(path) && sectionsOf(session).includes(path))) navigate(landingOf(session), { replace: true });
  }, [session, path]);

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

  const { session: signedInSession } = state;
  const section: Section = isSection(path) && sectionsOf(signedInSession).includes(path) ? path : landingOf(signedInSession);
  const store = signedInSession.stores.find((s) => s.id === chosenStore) ?? signedInSession.stores[0];
  return (
    <Shell session={signedInSession} section={section} storeId={store?.id} onStore={chooseStore} onLogout={logout}>
      {pageWithoutStore(section, signedInSession) ?? (store ? pageOf(section, signedInSession, store.id) : <p className="muted">{t('noStore')}</p>)}
    </Shell>
  );
}

/** Pages of the merchant or the platform rather than of one store. */
function pageWithoutStore(section: Section, session: Session): ReactNode | undefined {
  if (section === 'operator') return <Operator />;
  if (section === 'application' && session.merchant) return <Application key={session.merchant.id} session={session} canWrite={canManageContract(session)} />;
  return undefined;
}

/** Channels and the contract are for owners and admins (the server's manageChannels / manageApplication). */
const canManageContract = (session: Session) => session.user.role === 'owner' || session.user.role === 'admin';

function pageOf(section: Section, session: Session, storeId: string): ReactNode {
  const canWrite = session.user.role !== 'viewer';
  switch (section) {
    case 'home':
      return <Home session={session} storeId={storeId} />;
    case 'application':
    case 'operator':
      return null; // pageWithoutStore
    case 'channels':
      return <Channels key={storeId} storeId={storeId} canWrite={canManageContract(session)} />;
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
