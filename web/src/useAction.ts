import { useState } from 'react';

/** Runs a user's write action: one at a time, its failure kept for the page to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (action: () => Promise<void>, onError?: (failure: unknown) => boolean) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      // onError may claim the failure (e.g. to show it beside a field); otherwise the banner shows it
      if (!onError?.(failure)) setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clearError: () => setError(undefined) };
}
