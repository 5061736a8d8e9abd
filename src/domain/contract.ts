import { addBusinessDays, koreanDate } from './businessDays.ts';

// The PG contract workflow (전자결제 신청 › 계약), in the order of PortOne's procedure page.

export const contractStages = [
  'SUBMITTED', // 신청서 제출
  'FORWARDED', // 헥토파이낸셜 전달
  'CONTRACT_GUIDANCE', // 계약안내
  'CONTRACT_IN_PROGRESS', // 계약진행
  'CONTRACT_COMPLETED', // 계약완료
  'TEST_CHANNEL_SETUP', // 테스트 채널 설정
  'DEVELOPMENT', // 개발진행
  'CARD_REVIEW', // 카드사 심사
  'LIVE', // 운영
] as const;
export type ContractStage = (typeof contractStages)[number];

export const stageLabels: Record<ContractStage, { ko: string; en: string }> = {
  SUBMITTED: { ko: '신청서 제출', en: 'Application submitted' },
  FORWARDED: { ko: '헥토파이낸셜 전달', en: 'Forwarded to Hecto Financial' },
  CONTRACT_GUIDANCE: { ko: '계약안내', en: 'Contract guidance' },
  CONTRACT_IN_PROGRESS: { ko: '계약진행', en: 'Contract in progress' },
  CONTRACT_COMPLETED: { ko: '계약완료', en: 'Contract completed' },
  TEST_CHANNEL_SETUP: { ko: '테스트 채널 설정', en: 'Test channel set up' },
  DEVELOPMENT: { ko: '개발진행', en: 'Development' },
  CARD_REVIEW: { ko: '카드사 심사', en: 'Card-company review' },
  LIVE: { ko: '운영', en: 'Live' },
};

export type ContractActor = 'merchant' | 'operator';

/** Who moves the workflow into each stage: the PG-side stages are the operator's. */
const movedBy: Record<ContractStage, ContractActor> = {
  SUBMITTED: 'merchant',
  FORWARDED: 'operator',
  CONTRACT_GUIDANCE: 'operator',
  CONTRACT_IN_PROGRESS: 'operator',
  CONTRACT_COMPLETED: 'operator',
  TEST_CHANNEL_SETUP: 'merchant',
  DEVELOPMENT: 'merchant',
  CARD_REVIEW: 'merchant',
  LIVE: 'operator',
};

/** The 개발진행 checklist: facts of the store, never ticked by hand (src/services/console/devChecklist.ts). */
export const devChecklistKeys = ['testChannel', 'windowPayment', 'testCancel', 'webhook'] as const;
export type DevChecklistKey = (typeof devChecklistKeys)[number];
export const devChecklistLabels: Record<DevChecklistKey, { ko: string; en: string }> = {
  testChannel: { ko: '테스트 헥토파이낸셜 채널', en: 'a TEST Hecto Financial channel' },
  windowPayment: { ko: '결제창 테스트 결제 완료', en: 'a test payment through the payment window' },
  testCancel: { ko: '테스트 결제 취소 성공', en: 'a successful test cancel' },
  webhook: { ko: '웹훅 2xx 응답', en: 'a webhook answered with 2xx' },
};

export interface StageFacts {
  /** Required contract documents still missing (계약 구비서류). */
  missingDocuments: number;
  hasTestChannel: boolean;
  /** 개발진행 checklist items not yet done (of the merchant's most advanced store). */
  missingChecklist: readonly DevChecklistKey[];
  /** Card companies that approved the merchant in the card-company review. */
  approvedCardCompanies: number;
}

export type StageMoveRefusal = { code: 'NOT_NEXT' | 'NOT_YOURS' | 'PRECONDITION'; message: { ko: string; en: string } };

/**
 * Whether `actor` may move the workflow from `from` to `to`: only one stage forward, by whoever
 * owns the target stage, and only when the facts the stage needs are there.
 */
export function checkStageMove(from: ContractStage | null, to: ContractStage, actor: ContractActor, facts: StageFacts): StageMoveRefusal | undefined {
  const expected = from === null ? contractStages[0] : contractStages[contractStages.indexOf(from) + 1];
  if (to !== expected) {
    const next = expected ? stageLabels[expected] : undefined;
    return {
      code: 'NOT_NEXT',
      message: {
        ko: next ? `다음 단계는 '${next.ko}'입니다.` : '이미 마지막 단계입니다.',
        en: next ? `The next stage is '${next.en}'.` : 'The workflow is already at its last stage.',
      },
    };
  }
  if (movedBy[to] !== actor) {
    return {
      code: 'NOT_YOURS',
      message: {
        ko: `'${stageLabels[to].ko}' 단계는 ${movedBy[to] === 'operator' ? '플랫폼 운영자' : '가맹점'}가 진행합니다.`,
        en: `The '${stageLabels[to].en}' stage is moved by the ${movedBy[to] === 'operator' ? 'platform operator' : 'merchant'}.`,
      },
    };
  }
  if (to === 'CONTRACT_COMPLETED' && facts.missingDocuments > 0) {
    return { code: 'PRECONDITION', message: { ko: `계약 구비서류 ${facts.missingDocuments}건이 아직 없습니다.`, en: `${facts.missingDocuments} contract documents are still missing.` } };
  }
  if (to === 'TEST_CHANNEL_SETUP' && !facts.hasTestChannel) {
    return { code: 'PRECONDITION', message: { ko: '먼저 테스트 채널을 추가해 주세요.', en: 'Add a test channel first.' } };
  }
  if (to === 'CARD_REVIEW' && facts.missingChecklist.length > 0) {
    const missing = devChecklistKeys.filter((key) => facts.missingChecklist.includes(key));
    return {
      code: 'PRECONDITION',
      message: {
        ko: `카드사 심사를 요청하기 전에 개발진행 체크리스트를 완료해 주세요. 아직 없는 항목: ${missing.map((k) => devChecklistLabels[k].ko).join(', ')}.`,
        en: `Complete the development checklist before requesting the card-company review. Still missing: ${missing.map((k) => devChecklistLabels[k].en).join(', ')}.`,
      },
    };
  }
  if (to === 'LIVE' && facts.approvedCardCompanies === 0) {
    return { code: 'PRECONDITION', message: { ko: '승인한 카드사가 아직 없습니다.', en: 'No card company has approved yet.' } };
  }
  return undefined;
}

/**
 * How many Korean business days each stage is expected after the one before it. The procedure
 * page gives the first three and the review (same business day, 2–3 business days, about two
 * weeks); the others are paymux's estimates of what merchants usually take, labelled as such.
 */
export const stageLeadDays: Record<Exclude<ContractStage, 'SUBMITTED'>, { days: number; source: 'procedure' | 'estimate' }> = {
  FORWARDED: { days: 0, source: 'procedure' }, // 당일 내 전달
  CONTRACT_GUIDANCE: { days: 3, source: 'procedure' }, // 2~3영업일 내 안내
  CONTRACT_IN_PROGRESS: { days: 1, source: 'estimate' }, // documents start the day after the guidance mail
  CONTRACT_COMPLETED: { days: 5, source: 'estimate' }, // documents, signature and guarantee insurance: about a week
  TEST_CHANNEL_SETUP: { days: 1, source: 'estimate' },
  DEVELOPMENT: { days: 1, source: 'estimate' },
  CARD_REVIEW: { days: 10, source: 'estimate' }, // the integration, until the review is requested
  LIVE: { days: 10, source: 'procedure' }, // 카드사 심사: 보통 2주
};

/** When each stage is expected (YYYY-MM-DD), and CARD_REVIEW_END: the end of the card-company review. */
export type ExpectedStageDates = Record<ContractStage | 'CARD_REVIEW_END', string>;

/**
 * Expected dates of every stage in Korean business days, recomputed from what actually happened:
 * a stage that was reached counts from its real date, the next ones from it, so a late 계약안내
 * moves every later expectation. `reachedAt` holds when each stage was entered (SUBMITTED at least).
 */
export function expectedStageDates(reachedAt: Partial<Record<ContractStage, Date>> & { SUBMITTED: Date }): ExpectedStageDates {
  const expected = { SUBMITTED: koreanDate(reachedAt.SUBMITTED) } as ExpectedStageDates;
  let previous = expected.SUBMITTED;
  for (const stage of contractStages.slice(1) as Exclude<ContractStage, 'SUBMITTED'>[]) {
    expected[stage] = addBusinessDays(previous, stageLeadDays[stage].days);
    const actual = reachedAt[stage];
    previous = actual ? koreanDate(actual) : expected[stage];
  }
  // The review ends when the first card company approves, which is what opens LIVE payments.
  expected.CARD_REVIEW_END = expected.LIVE;
  return expected;
}

/** The card-company review takes about two weeks (10 business days) from its request. */
export function expectedCardReviewEnd(requestedAt: Date): string {
  return addBusinessDays(koreanDate(requestedAt), stageLeadDays.LIVE.days);
}

/** Whether a stage has been reached (for gating): LIVE channels can be saved from 계약완료 on. */
export function stageReached(current: ContractStage | null, stage: ContractStage): boolean {
  return current !== null && contractStages.indexOf(current) >= contractStages.indexOf(stage);
}

export type LiveGate = { allowed: true; approvedCardCompanies: readonly string[] } | { allowed: false; message: { ko: string; en: string } };

/** LIVE payments need at least one card company's approval in the review. */
export function liveGate(approvedCardCompanies: readonly string[]): LiveGate {
  if (approvedCardCompanies.length === 0) {
    return {
      allowed: false,
      message: {
        ko: '카드사 심사가 완료되지 않아 실 결제를 할 수 없습니다. 카드사 승인 후 이용해 주세요.',
        en: 'Live payments are not possible yet: the card-company review is not complete.',
      },
    };
  }
  return { allowed: true, approvedCardCompanies };
}

/** 계약 구비서류: what Hecto usually asks for; the contract cannot complete while a required one is missing. */
export const contractDocuments = [
  { kind: 'BUSINESS_REGISTRATION', required: true, ko: '사업자등록증 사본', en: 'Business registration certificate' },
  { kind: 'CORPORATE_REGISTRY', required: true, ko: '법인 등기사항전부증명서 (개인사업자는 대표자 신분증 사본)', en: 'Corporate registry (sole proprietors: ID of the representative)' },
  { kind: 'SEAL_CERTIFICATE', required: true, ko: '인감증명서 (법인 또는 대표자)', en: 'Seal certificate' },
  { kind: 'BANK_ACCOUNT', required: true, ko: '정산 계좌 통장 사본', en: 'Settlement bank account copy' },
  { kind: 'SIGNED_CONTRACT', required: true, ko: '서명한 계약서', en: 'Signed contract' },
  { kind: 'GUARANTEE_INSURANCE', required: true, ko: '보증보험 증권', en: 'Guarantee insurance policy' },
  { kind: 'USAGE_SEAL', required: false, ko: '사용인감계 (사용인감을 쓰는 경우)', en: 'Usage seal declaration (if a usage seal is used)' },
] as const;
export type DocumentKind = (typeof contractDocuments)[number]['kind'];
export const isDocumentKind = (kind: string): kind is DocumentKind => contractDocuments.some((d) => d.kind === kind);

export function missingRequiredDocuments(uploaded: ReadonlySet<string>): DocumentKind[] {
  return contractDocuments.filter((d) => d.required && !uploaded.has(d.kind)).map((d) => d.kind);
}

export const maxDocumentBytes = 10 * 1024 * 1024;
export type DocumentType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** The file's real type from its first bytes (never from its name or the browser's claim). */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | undefined {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return undefined;
}

/** Card companies of the card-company review (카드사 심사). */
export const cardCompanies = ['BC', 'KB국민', '하나', '삼성', '신한', '현대', '롯데', 'NH농협', '우리'] as const;
