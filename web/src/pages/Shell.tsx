import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../api.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { href, navigate } from '../router.ts';

export const sections = ['home', 'application', 'channels', 'payments', 'billing-keys', 'webhooks', 'api-keys', 'operator'] as const;
export type Section = (typeof sections)[number];

const merchantSections = sections.filter((s) => s !== 'operator');

/** The pages this user has: a merchant's members the merchant pages, a platform operator the operator area. */
export function sectionsOf(session: Session): Section[] {
  return [...(session.merchant ? merchantSections : []), ...(session.user.isPlatformOperator ? (['operator'] as const) : [])];
}

/** Where a signed-in user lands. */
export const landingOf = (session: Session): Section => sectionsOf(session)[0] ?? 'home';

export const isSection = (path: string): path is Section => (sections as readonly string[]).includes(path);

const navKey: Record<Section, string> = {
  home: 'nav.home',
  application: 'nav.application',
  channels: 'nav.channels',
  payments: 'nav.payments',
  'billing-keys': 'nav.billingKeys',
  webhooks: 'nav.webhooks',
  'api-keys': 'nav.apiKeys',
  operator: 'nav.operator',
};

interface ShellProps {
  session: Session;
  section: Section;
  storeId: string | undefined;
  onStore: (storeId: string) => void;
  onLogout: () => void;
  children: ReactNode;
}

export function Shell({ session, section, storeId, onStore, onLogout, children }: ShellProps) {
  const { t } = useTranslation();
  // On a phone the menu folds behind a button that names the current page; choosing a page folds it again.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [section]);
  return (
    <div className="shell" data-testid="shell">
      <header className="topbar">
        <span className="logo">paymux</span>
        {session.merchant && (
          <div className="merchant">
            <strong>{session.merchant.name}</strong>
            <code title={t('home.merchantCode')}>{session.merchant.code}</code>
          </div>
        )}
        {session.stores.length > 1 && (
          <div className="store-select">
            <label htmlFor="store-select">{t('store')}</label>
            <select id="store-select" value={storeId} onChange={(e) => onStore(e.target.value)}>
              {session.stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="spacer" />
        <span className="user" data-testid="user-email">
          {session.user.email}
        </span>
        <LanguageSwitch />
        <button type="button" className="button small" onClick={onLogout}>
          {t('logout')}
        </button>
      </header>
      <button
        type="button"
        className="menu-toggle"
        aria-expanded={menuOpen}
        aria-controls="console-menu"
        onClick={() => setMenuOpen((open) => !open)}
        data-testid="menu-toggle"
      >
        <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span> {t('menu')} <span className="menu-current">· {t(navKey[section])}</span>
      </button>
      <nav id="console-menu" className={`sidenav${menuOpen ? ' open' : ''}`} aria-label={t('navLabel')}>
        {sectionsOf(session).map((s) => (
          <a key={s} href={href(s)} aria-current={s === section ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate(s))}>
            {t(navKey[s])}
          </a>
        ))}
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
