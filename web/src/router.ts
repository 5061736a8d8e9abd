import { useEffect, useState } from 'react';

// History routing under /console/ without a library: the app has a handful of flat pages, and the
// server answers index.html for any path under /console/.
const base = '/console/';

export function currentPath(): string {
  const path = window.location.pathname.startsWith(base) ? window.location.pathname.slice(base.length) : '';
  return path.replace(/\/+$/, '');
}

/** Goes to a page; `replace` when the current address was only a detour (e.g. the login page). */
export function navigate(path: string, options: { replace?: boolean } = {}) {
  if (path === currentPath()) return;
  if (options.replace) window.history.replaceState(null, '', `${base}${path}`);
  else window.history.pushState(null, '', `${base}${path}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}

export const href = (path: string) => `${base}${path}`;
