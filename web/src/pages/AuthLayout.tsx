import type { ReactNode } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth">
      <div className="auth-card">
        <div className="auth-head">
          <span className="logo">paymux</span>
          <LanguageSwitch />
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
