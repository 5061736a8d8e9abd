import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads a page's data when `key` changes (e.g. the store) and again on demand. A slower answer for
 * an earlier key never overwrites a newer one; errors are kept for the page to show.
 */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown }>({ key });
  const latest = useRef({ key, load, generation: 0 });
  latest.current.key = key;
  latest.current.load = load;

  const reload = useCallback(async () => {
    const generation = ++latest.current.generation;
    const { key: loadingKey, load: loadNow } = latest.current;
    try {
      const data = await loadNow();
      if (generation === latest.current.generation) setState({ key: loadingKey, data });
    } catch (error) {
      if (generation === latest.current.generation) setState({ key: loadingKey, error });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  // Data of another key is not shown while this key loads.
  const current = state.key === key ? state : { data: undefined, error: undefined };
  return { data: current.data, error: current.error, reload };
}
