/**
 * The simulator's test cards. Hecto does not publish which numbers decline on its testbed, so this
 * set is paymux's own (documented in README.md). Any other 14–16 digit number approves, with an
 * issuer picked from its first digit.
 */
export type CardBehaviour =
  | { kind: 'approve' }
  /** Declines with this Hecto code. */
  | { kind: 'decline'; code: string; message?: string }
  /** Never answers: the request is held open until the client gives up (nothing is recorded). */
  | { kind: 'hang' }
  /** Approves at once, but answers only after the simulator's slow-reply delay. */
  | { kind: 'slow' }
  /** Approves, then destroys the connection instead of answering. */
  | { kind: 'drop' };

export interface CardIssuer {
  issrId: string;
  cardNm: string;
  cardKind: string;
}

export interface TestCard {
  number: string;
  behaviour: CardBehaviour;
  issuer: CardIssuer;
  note: string;
}

const BC: CardIssuer = { issrId: 'BCC', cardNm: '비씨', cardKind: '비씨 개인신용' };
const SHINHAN: CardIssuer = { issrId: 'SHN', cardNm: '신한', cardKind: '신한 개인신용' };
const KB: CardIssuer = { issrId: 'KBC', cardNm: '국민', cardKind: 'KB국민 개인신용' };
const HYUNDAI: CardIssuer = { issrId: 'HDC', cardNm: '현대', cardKind: '현대 개인신용' };
const SAMSUNG: CardIssuer = { issrId: 'SSC', cardNm: '삼성', cardKind: '삼성 개인신용' };
const NH: CardIssuer = { issrId: 'NHC', cardNm: 'NH농협', cardKind: 'NH 체크카드' };
const LOTTE: CardIssuer = { issrId: 'LTC', cardNm: '롯데', cardKind: '롯데 개인신용' };
const HANA: CardIssuer = { issrId: 'HNC', cardNm: '하나(외환)', cardKind: '하나 개인신용' };

export const TEST_CARDS: readonly TestCard[] = [
  { number: '1111222233334444', behaviour: { kind: 'approve' }, issuer: BC, note: 'approves (Hecto sample card)' },
  { number: '4000000000000002', behaviour: { kind: 'decline', code: 'CA31', message: '한도초과' }, issuer: SHINHAN, note: 'declines: limit exceeded (CA31)' },
  { number: '4000000000000010', behaviour: { kind: 'decline', code: 'CA51', message: '분실/도난 카드' }, issuer: KB, note: 'declines: lost or stolen card (CA51)' },
  { number: '4000000000000028', behaviour: { kind: 'decline', code: 'CA27', message: '비밀번호 오류' }, issuer: HYUNDAI, note: 'declines: wrong password (CA27)' },
  { number: '4000000000000036', behaviour: { kind: 'decline', code: 'CA82' }, issuer: SAMSUNG, note: 'declines: call the card company (CA82)' },
  { number: '4000000000000044', behaviour: { kind: 'decline', code: 'CA59' }, issuer: NH, note: 'declines: corporate card not accepted (CA59)' },
  { number: '4000000000009990', behaviour: { kind: 'hang' }, issuer: LOTTE, note: 'never answers; nothing is recorded' },
  { number: '4000000000009991', behaviour: { kind: 'slow' }, issuer: HANA, note: 'approves, answers only after the slow-reply delay (default 35 s)' },
  { number: '4000000000009992', behaviour: { kind: 'drop' }, issuer: BC, note: 'approves, then drops the connection without a reply' },
];

const BY_NUMBER = new Map(TEST_CARDS.map((card) => [card.number, card]));
const BY_FIRST_DIGIT: Readonly<Record<string, CardIssuer>> = {
  '3': HYUNDAI,
  '4': SHINHAN,
  '5': KB,
  '6': LOTTE,
  '9': BC,
};

/** How the simulator treats a card number; undefined when the number cannot be a card. */
export function lookupCard(cardNo: string): Omit<TestCard, 'note'> | undefined {
  const known = BY_NUMBER.get(cardNo);
  if (known) return known;
  if (!/^\d{14,16}$/.test(cardNo)) return undefined;
  return { number: cardNo, behaviour: { kind: 'approve' }, issuer: BY_FIRST_DIGIT[cardNo[0] ?? ''] ?? NH };
}
