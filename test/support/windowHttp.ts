import assert from 'node:assert/strict';

/**
 * Drives paymux's checkout and the simulator's payment window over plain HTTP, as a browser
 * without script would: paymux's window page → its form to the PG's window → the PG's pages →
 * the result form posted back to paymux's nextUrl. Only the simulator's HTML forms are read.
 */
const unescape = (v: string) => v.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

/** The action and hidden inputs of the first form in `html` whose action matches. */
export function formOf(html: string, action: RegExp): { action: string; fields: Record<string, string> } {
  for (const match of html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const target = unescape(match[1] ?? '');
    if (!action.test(target)) continue;
    const fields = Object.fromEntries([...(match[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [unescape(m[1] ?? ''), unescape(m[2] ?? '')]));
    return { action: target, fields };
  }
  assert.fail(`no form to ${action} in: ${html.slice(0, 600)}`);
}

export async function postForm(url: string, fields: Record<string, string>): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return response.text();
}

/** Opens paymux's window for `txId` and answers the first page of the PG's window, with the window's origin. */
export async function openPgWindow(paymuxUrl: string, txId: string): Promise<{ html: string; pgOrigin: string }> {
  const page = await (await fetch(`${paymuxUrl}/checkout/window/${txId}`)).text();
  const form = formOf(page, /\/main\.do$/);
  return { html: await postForm(form.action, form.fields), pgOrigin: new URL(form.action).origin };
}

/** A bank transfer in the PG's window: choose the bank, pay, press 닫기 (the result goes to paymux's nextUrl). */
export async function payTransferInWindow(paymuxUrl: string, txId: string, bankCode = '004'): Promise<string> {
  const { html, pgOrigin } = await openPgWindow(paymuxUrl, txId);
  const choice = formOf(html, /\/bank\/pay\.do$/);
  const result = await postForm(`${pgOrigin}${choice.action}`, { ...choice.fields, bankCd: bankCode });
  const back = formOf(result, /\/checkout\/return\//);
  return postForm(back.action, back.fields);
}

/** A key-only card window: fill the card form, press 닫기 (the result goes to paymux's nextUrl). */
export async function registerCardInWindow(
  paymuxUrl: string,
  txId: string,
  card: { cardNo: string; expiry: string; cardPwd?: string; idntNo?: string },
): Promise<string> {
  const { html, pgOrigin } = await openPgWindow(paymuxUrl, txId);
  const cardForm = formOf(html, /\/card\/pay\.do$/);
  const result = await postForm(`${pgOrigin}${cardForm.action}`, { ...cardForm.fields, ...card });
  const back = formOf(result, /\/checkout\/return\//);
  return postForm(back.action, back.fields);
}
