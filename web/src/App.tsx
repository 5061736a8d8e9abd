import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, whenSignedOut, type Session } from './api.ts';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { ApiKeys } from './pages/ApiKeys.tsx';
import { Channels } from './pages/Channels.tsx';
import { BillingKeys } from './pages/BillingKeys.tsx';
import { Home } from './pages/Home.tsx';
import { Login } from './pages/Login.tsx';
import { Application } from './pages/Application.tsx';
import { Operator } from './pages/Operator.tsx';
import { PaymentDetail } from './pages/PaymentDetail.tsx';
import { Payments } from './pages/Payments.tsx';
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
  const route = routeOf(path);
  useEffect(() => {
    if (session && !(isSection(route.section) && sectionsOf(session).includes(route.section))) navigate(landingOf(session), { replace: true });
  }, [session, route.section]);

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
  const section: Section = isSection(route.section) && sectionsOf(signedInSession).includes(route.section) ? route.section : landingOf(signedInSession);
  const store = signedInSession.stores.find((s) => s.id === chosenStore) ?? signedInSession.stores[0];
  return (
    <Shell session={signedInSession} section={section} storeId={store?.id} onStore={chooseStore} onLogout={logout}>
      {pageWithoutStore(section, signedInSession, store?.id) ??
        (store ? pageOf(section, signedInSession, store.id, route.detail) : <p className="muted">{t('noStore')}</p>)}
    </Shell>
  );
}

/** A page address: its section, and for a detail page (`payments/<id>`) the id after it. */
function routeOf(path: string): { section: string; detail?: string } {
  const slash = path.indexOf('/');
  if (slash < 0) return { section: path };
  let detail: string;
  try {
    detail = decodeURIComponent(path.slice(slash + 1));
  } catch {
    detail = path.slice(slash + 1);
  }
  return { section: path.slice(0, slash), ...(detail ? { detail } : {}) };
}

/** Pages of the merchant or the platform rather than of one store. */
function pageWithoutStore(section: Section, session: Session, storeId: string | undefined): ReactNode | undefined {
  if (section === 'operator') return <Operator />;
  if (section === 'application' && session.merchant) {
    return <Application key={session.merchant.id} session={session} storeId={storeId} canWrite={canManageContract(session)} />;
  }
  return undefined;
}

/** Channels, the contract and moving money are for owners and admins (the server's manageChannels / manageApplication / managePayments). */
const canManageContract = (session: Session) => session.user.role === 'owner' || session.user.role === 'admin';

function pageOf(section: Section, session: Session, storeId: string, detail: string | undefined): ReactNode {
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
      // Cancels and billing-key deletions move money or end a customer's subscription: owners and admins only.
      return detail ? (
        <PaymentDetail key={`${storeId}/${detail}`} storeId={storeId} paymentId={detail} canCancel={canManageContract(session)} />
      ) : (
        <Payments key={storeId} storeId={storeId} />
      );
    case 'billing-keys':
      return <BillingKeys key={storeId} storeId={storeId} canDelete={canManageContract(session)} />;
    case 'webhooks':
      return <Webhooks key={storeId} storeId={storeId} canWrite={canWrite} />;
    case 'api-keys':
      return <ApiKeys key={storeId} storeId={storeId} canWrite={canWrite} />;
  }
}
