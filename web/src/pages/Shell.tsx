import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../api.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { href, navigate } from '../router.ts';

export const sections = ['home', 'application', 'channels', 'payments', 'billing-keys', 'webhooks', 'api-keys'] as const;
export type Section = (typeof sections)[number];

const navKey: Record<Section, string> = {
  home: 'nav.home',
  application: 'nav.application',
  channels: 'nav.channels',
  payments: 'nav.payments',
  'billing-keys': 'nav.billingKeys',
  webhooks: 'nav.webhooks',
  'api-keys': 'nav.apiKeys',
};

interface ShellProps {
  session: Session;
  section: Section;
  storeId: string;
  onStore: (storeId: string) => void;
  onLogout: () => void;
  children: ReactNode;
}

export function Shell({ session, section, storeId, onStore, onLogout, children }: ShellProps) {
  const { t } = useTranslation();
  return (
    <div className="shell" data-testid="shell">
      <header className="topbar">
        <span className="logo">paymux</span>
        <div className="merchant">
          <strong>{session.merchant?.name}</strong>
          <code>{session.merchant?.code}</code>
        </div>
        {session.stores.length > 1 && (
          <label className="store-select">
            <span>{t('store')}</span>
            <select value={storeId} onChange={(e) => onStore(e.target.value)}>
              {session.stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="spacer" />
        <span className="user">{session.user.email}</span>
        <LanguageSwitch />
        <button type="button" className="button small" onClick={onLogout}>
          {t('logout')}
        </button>
      </header>
      <nav className="sidenav" aria-label="console">
        {sections.map((s) => (
          <a key={s} href={href(s)} aria-current={s === section ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate(s))}>
            {t(navKey[s])}
          </a>
        ))}
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
