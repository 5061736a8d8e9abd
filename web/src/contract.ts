// Shapes of the channel and contract console API, and the fixed lists the pages offer. They mirror
// src/domain/channels.ts and src/domain/contract.ts; the server stays the judge of every rule.
import type { Bilingual } from './api.ts';

export const paymentMethods = ['CARD', 'VIRTUAL_ACCOUNT', 'TRANSFER'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const taxSettings = ['TAXABLE', 'TAX_FREE', 'COMPOSITE'] as const;
export type TaxSetting = (typeof taxSettings)[number];

/** Hecto's published test MIDs, in the setup page's order. */
export const hectoTestMids = ['portone1', 'nxca_ks_gu', 'nxca_jt_bi'] as const;

export interface Channel {
  id: string;
  key: string;
  name: string;
  mode: 'TEST' | 'LIVE';
  pgProvider: string;
  module: string;
  attribute: string;
  mid: string;
  midDescription: Bilingual | null;
  taxSetting: TaxSetting;
  enabled: boolean;
  defaultMethods: PaymentMethod[];
  methods: PaymentMethod[];
  maskedLicenseKey: string | null;
  maskedEncryptionKey: string | null;
  hectoNoticeId: string | null;
}

export interface ConnectionCheck {
  result: 'ACCEPTED' | 'REJECTED' | 'UNREACHABLE';
  message: Bilingual;
}

export interface VaNoticeRequest {
  to: string;
  subject: string;
  body: string;
  noticeUrl: string;
  mid: string;
  hectoNoticeId: string | null;
  mailto: string;
}

export const contractStages = [
  'SUBMITTED',
  'FORWARDED',
  'CONTRACT_GUIDANCE',
  'CONTRACT_IN_PROGRESS',
  'CONTRACT_COMPLETED',
  'TEST_CHANNEL_SETUP',
  'DEVELOPMENT',
  'CARD_REVIEW',
  'LIVE',
] as const;
export type ContractStage = (typeof contractStages)[number];

/** The stages the merchant moves itself; the others are the PG's, moved by a platform operator. */
export const merchantStages = ['SUBMITTED', 'TEST_CHANNEL_SETUP', 'DEVELOPMENT', 'CARD_REVIEW'] as const satisfies readonly ContractStage[];
export const isMerchantStage = (stage: ContractStage) => (merchantStages as readonly string[]).includes(stage);

export function nextStage(stage: ContractStage): ContractStage | undefined {
  return contractStages[contractStages.indexOf(stage) + 1];
}

export const stageReached = (current: ContractStage, stage: ContractStage) => contractStages.indexOf(current) >= contractStages.indexOf(stage);

export const cardCompanies = ['BC', 'KB국민', '하나', '삼성', '신한', '현대', '롯데', 'NH농협', '우리'] as const;

export interface ApplicationFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface ContractDocument {
  kind: string;
  required: boolean;
  ko: string;
  en: string;
  uploaded: boolean;
  files: ApplicationFile[];
}

export interface CardReview {
  cardCompany: string;
  result: 'APPROVED' | 'REJECTED';
  decidedOn: string;
  note: string | null;
}

export interface TimelineEvent {
  kind: 'STAGE' | 'DOCUMENT' | 'CARD_REVIEW';
  stage: ContractStage | null;
  stageLabel: Bilingual | null;
  actor: 'merchant' | 'operator';
  note: string | null;
  at: string;
  /** The Korean calendar day of `at` (YYYY-MM-DD). */
  date: string;
}

export interface Application {
  id: string;
  merchant: { id: string; code: string; name: string } | null;
  stage: ContractStage;
  stageLabel: Bilingual;
  contactEmail: string;
  paymentMethods: string[];
  pgProviders: string[];
  submittedAt: string;
  /** YYYY-MM-DD by stage (FORWARDED, CONTRACT_GUIDANCE, …) and CARD_REVIEW_END. */
  expectedDates: Record<string, string>;
  timeline: TimelineEvent[];
  documents: ContractDocument[];
  cardReviews: CardReview[];
  notifications: ContactNotification[];
}

/** A mail to the application's contact: RECORDED without SMTP, else PENDING (retrying with `error`) → SENT or FAILED. */
export interface ContactNotification {
  id: string;
  toEmail: string;
  subject: string;
  body: string;
  createdAt: string;
  status: 'RECORDED' | 'PENDING' | 'SENT' | 'FAILED';
  attemptCount: number;
  sentAt: string | null;
  error: string | null;
  nextAttemptAt: string | null;
}

export const fileUrl = (applicationId: string, fileId: string) => `/console-api/applications/${applicationId}/files/${fileId}`;

export const maxUploadBytes = 10 * 1024 * 1024;

/** A chosen file as the console API takes it: its name and its bytes in base64 (no data: prefix). */
export function readUpload(file: File): Promise<{ fileName: string; contentBase64: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ fileName: file.name, contentBase64: url.slice(url.indexOf(',') + 1) });
    };
    reader.readAsDataURL(file);
  });
}

/** The message in the reader's language. */
export const inLanguage = (text: Bilingual, lang: string) => (lang === 'en' ? text.en : text.ko);
