/** A timestamp in the reader's language and the merchant's time zone (Korea). */
export function formatDateTime(iso: string, lang: string, options: { seconds?: boolean } = {}): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'ko-KR', {
    timeZone: 'Asia/Seoul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    hour12: false,
  });
}

/** Whole won, e.g. "12,000원" / "₩12,000". */
export function formatWon(amount: number, lang: string): string {
  return lang === 'en' ? `₩${amount.toLocaleString('en-US')}` : `${amount.toLocaleString('ko-KR')}원`;
}
