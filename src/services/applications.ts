import { channelPaymentMethods } from '../domain/channels.ts';
import {
  cardCompanies,
  checkStageMove,
  contractDocuments,
  devChecklistKeys,
  expectedStageDates,
  isDocumentKind,
  maxDocumentBytes,
  missingRequiredDocuments,
  sniffDocumentType,
  stageLabels,
  type ContractActor,
  type DevChecklistKey,
  type ContractStage,
} from '../domain/contract.ts';
import { koreanDate } from '../domain/businessDays.ts';
import { newRowId } from '../domain/ids.ts';
import { normalizeEmail, roleAllows } from '../domain/tenancy.ts';
import type { Executor } from '../store/db.ts';
import {
  findApplication,
  findApplicationFile,
  findApplicationOfMerchant,
  insertApplication,
  insertApplicationEvent,
  insertApplicationFile,
  insertContactNotification,
  listApplicationEvents,
  listApplicationFiles,
  listApplications,
  listCardReviews,
  listContactNotifications,
  lockApplication,
  setApplicationStage,
  upsertCardReview,
  type ApplicationRow,
} from '../store/repositories/applications.ts';
import { listChannels } from '../store/repositories/channels.ts';
import { findMerchant, listStoresOfMerchant } from '../store/repositories/tenancy.ts';
import { recordAudit } from './audit.ts';
import { devChecklistOfStore } from './console/devChecklist.ts';
import { kickContactMail } from './contactMail.ts';
import type { Deps } from './deps.ts';
import { forbidden, invalidInput, notFound, ServiceError } from './errors.ts';
import type { SessionView } from './tenancy.ts';

/** Who acts on an application: a member of its merchant (with the right role), or a platform operator. */
export interface ApplicationActor {
  kind: ContractActor;
  userId: string;
  merchantId: string | null;
  ip?: string;
}

export function merchantActor(session: SessionView, ip?: string): ApplicationActor {
  if (!session.merchant || !session.user.role) throw forbidden();
  if (!roleAllows(session.user.role, 'read')) throw forbidden();
  return { kind: 'merchant', userId: session.user.id, merchantId: session.merchant.id, ip };
}

function requireManager(session: SessionView): void {
  if (!session.user.role || !roleAllows(session.user.role, 'manageApplication')) throw forbidden();
}

export function operatorActor(session: SessionView, ip?: string): ApplicationActor {
  if (!session.user.isPlatformOperator) throw notFound({ ko: '없는 페이지입니다.', en: 'Not found.' });
  return { kind: 'operator', userId: session.user.id, merchantId: null, ip };
}

export interface Upload {
  fileName: string;
  contentBase64: string;
}

/** A PDF, PNG or JPEG of at most 10 MB, judged by its bytes. */
function decodeUpload(upload: Upload, field: string) {
  const bytes = Buffer.from(upload.contentBase64, 'base64');
  if (bytes.length === 0) throw invalidInput(field, { ko: '파일을 선택해 주세요.', en: 'Choose a file.' });
  if (bytes.length > maxDocumentBytes) {
    throw invalidInput(field, { ko: '파일은 10MB 이하여야 합니다.', en: 'The file must be at most 10 MB.' });
  }
  const contentType = sniffDocumentType(bytes);
  if (!contentType) {
    throw invalidInput(field, { ko: 'PDF, PNG, JPEG 파일만 올릴 수 있습니다.', en: 'Only PDF, PNG and JPEG files can be uploaded.' });
  }
  const fileName = upload.fileName.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || 'document';
  return { bytes, contentType, fileName };
}

const applicationNotFound = () => notFound({ ko: '전자결제 신청 내역이 없습니다.', en: 'No application yet.' });

/** The mail to the contact, Korean first. */
function stageMailBody(deps: Deps, stage: ContractStage, note: string | null): string {
  const label = stageLabels[stage];
  const page = `${deps.config.publicUrl}/console/application`;
  return [
    '안녕하세요. paymux 전자결제 계약 안내입니다.',
    '',
    `전자결제 계약이 '${label.ko}' 단계로 진행되었습니다.`,
    ...(note ? [`메모: ${note}`] : []),
    `진행 상황과 다음 단계의 예정일은 콘솔의 전자결제 신청 페이지에서 확인하실 수 있습니다: ${page}`,
    '',
    '---',
    `Your payment contract moved to '${label.en}'.${note ? ` Note: ${note}` : ''}`,
    `See the progress and the expected dates of the next stages in the console: ${page}`,
  ].join('\n');
}

/** Records a stage change on the timeline and writes the contact's notification. */
async function recordStage(deps: Deps, tx: Executor, application: ApplicationRow, stage: ContractStage, actor: ApplicationActor, note: string | null, at: Date) {
  await setApplicationStage(tx, application.id, stage, at);
  await insertApplicationEvent(tx, { applicationId: application.id, kind: 'STAGE', stage, actorType: actor.kind, actorId: actor.userId, note, at });
  const label = stageLabels[stage];
  // The notification is the mail's outbox row: the contact-mail job sends it after this commits.
  await insertContactNotification(tx, {
    id: newRowId(),
    applicationId: application.id,
    toEmail: application.contactEmail,
    subject: `[paymux] 전자결제 계약 단계: ${label.ko} / ${label.en}`,
    body: stageMailBody(deps, stage, note),
    createdAt: at,
    status: deps.config.smtpUrl ? 'PENDING' : 'RECORDED',
    attemptCount: 0,
    nextAttemptAt: deps.config.smtpUrl ? at : null,
    sentAt: null,
    error: null,
  });
  await recordAudit(tx, {
    actor: { type: actor.kind === 'operator' ? 'operator' : 'user', id: actor.userId, ip: actor.ip },
    merchantId: application.merchantId,
    action: 'application.stage_changed',
    target: { type: 'pg_application', id: application.id },
    before: { stage: application.stage },
    after: { stage, note },
    at,
  });
}

/** The PGs the application form offers: those paymux has a connector for. */
export function offeredPgProviders(deps: Deps) {
  return deps.pg.providers().map((p) => ({ pgProvider: p.pgProvider, name: p.name }));
}

export interface SubmitInput {
  contactEmail: string;
  paymentMethods: string[];
  pgProviders: string[];
  businessRegistration: Upload;
}

/** 가입신청서 제출: the application with its business registration certificate, at stage 신청서 제출. */
export async function submitApplication(deps: Deps, session: SessionView, input: SubmitInput, ip?: string) {
  const actor = merchantActor(session, ip);
  requireManager(session);
  const contactEmail = normalizeEmail(input.contactEmail);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contactEmail)) {
    throw invalidInput('contactEmail', { ko: '담당자 이메일을 확인해 주세요.', en: 'Check the contact e-mail.' });
  }
  const methods = [...new Set(input.paymentMethods)];
  if (methods.length === 0 || !methods.every((m) => (channelPaymentMethods as readonly string[]).includes(m))) {
    throw invalidInput('paymentMethods', { ko: '결제수단을 하나 이상 선택해 주세요.', en: 'Choose at least one payment method.' });
  }
  const pgs = [...new Set(input.pgProviders)];
  if (pgs.length === 0 || !pgs.every((pg) => deps.pg.connector(pg))) {
    throw invalidInput('pgProviders', { ko: '결제대행사를 선택해 주세요.', en: 'Choose a payment gateway paymux supports.' });
  }
  const file = decodeUpload(input.businessRegistration, 'businessRegistration');
  const at = deps.clock.now();
  const id = newRowId();
  await deps.db.transaction(async (tx) => {
    if (await findApplicationOfMerchant(tx, actor.merchantId!)) {
      throw new ServiceError('CONFLICT', { ko: '이미 전자결제 신청을 제출했습니다.', en: 'The application has already been submitted.' });
    }
    const application: ApplicationRow = {
      id,
      merchantId: actor.merchantId!,
      pgProviders: pgs,
      paymentMethods: methods,
      contactEmail,
      stage: 'SUBMITTED',
      submittedAt: at,
      updatedAt: at,
    };
    await insertApplication(tx, application);
    await insertApplicationFile(tx, {
      id: newRowId(),
      applicationId: id,
      kind: 'BUSINESS_REGISTRATION',
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.bytes.length,
      content: file.bytes,
      uploadedBy: actor.userId,
      uploadedAt: at,
    });
    await recordStage(deps, tx, { ...application, stage: '' }, 'SUBMITTED', actor, null, at);
  });
  await kickContactMail(deps);
  return applicationView(deps, id);
}

/** 계약 구비서류 upload (also replaces an earlier file of the same kind: the newest counts). */
export async function uploadDocument(deps: Deps, session: SessionView, kind: string, upload: Upload, ip?: string) {
  const actor = merchantActor(session, ip);
  requireManager(session);
  if (!isDocumentKind(kind)) throw invalidInput('kind', { ko: '서류 종류를 확인해 주세요.', en: 'Unknown document kind.' });
  const file = decodeUpload(upload, 'file');
  const application = await findApplicationOfMerchant(deps.db, actor.merchantId!);
  if (!application) throw applicationNotFound();
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await insertApplicationFile(tx, {
      id: newRowId(),
      applicationId: application.id,
      kind,
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.bytes.length,
      content: file.bytes,
      uploadedBy: actor.userId,
      uploadedAt: at,
    });
    await insertApplicationEvent(tx, { applicationId: application.id, kind: 'DOCUMENT', stage: null, actorType: 'merchant', actorId: actor.userId, note: kind, at });
  });
  return applicationView(deps, application.id);
}

/** The facts a stage move depends on, read from the database, never ticked by hand. */
async function stageFacts(db: Executor, application: ApplicationRow) {
  const files = await listApplicationFiles(db, application.id);
  const stores = await listStoresOfMerchant(db, application.merchantId);
  let hasTestChannel = false;
  for (const store of stores) {
    if ((await listChannels(db, store.id)).some((c) => c.mode === 'TEST' && application.pgProviders.includes(c.pgProvider))) hasTestChannel = true;
  }
  const reviews = await listCardReviews(db, application.id);
  return {
    missingDocuments: missingRequiredDocuments(new Set(files.map((f) => f.kind))).length,
    hasTestChannel,
    missingChecklist: await missingChecklistOfMerchant(db, stores.map((s) => s.id)),
    approvedCardCompanies: reviews.filter((r) => r.result === 'APPROVED').length,
  };
}

/**
 * The 개발진행 checklist items still missing before the card-company review can be requested: the
 * review is of one site, so one store must have them all; the store closest to complete is named.
 */
async function missingChecklistOfMerchant(db: Executor, storeIds: string[]): Promise<DevChecklistKey[]> {
  let best: DevChecklistKey[] = [...devChecklistKeys];
  for (const storeId of storeIds) {
    const missing = (await devChecklistOfStore(db, storeId)).items.filter((item) => !item.done).map((item) => item.key);
    if (missing.length < best.length) best = missing;
  }
  return best;
}

/** Moves the workflow one stage forward, if `actor` owns that stage and its facts are there. */
export async function advanceApplication(deps: Deps, actor: ApplicationActor, applicationId: string | null, to: ContractStage, note: string | null) {
  const at = deps.clock.now();
  const id = applicationId ?? (await findApplicationOfMerchant(deps.db, actor.merchantId ?? ''))?.id;
  if (!id) throw applicationNotFound();
  await deps.db.transaction(async (tx) => {
    const application = await lockApplication(tx, id);
    if (!application || (actor.kind === 'merchant' && application.merchantId !== actor.merchantId)) throw applicationNotFound();
    const refusal = checkStageMove(application.stage as ContractStage, to, actor.kind, await stageFacts(tx, application));
    if (refusal) throw new ServiceError(refusal.code === 'NOT_YOURS' ? 'FORBIDDEN' : 'CONFLICT', refusal.message, 'stage');
    await recordStage(deps, tx, application, to, actor, note, at);
  });
  await kickContactMail(deps);
  return applicationView(deps, id);
}

/** An operator records a card company's review result (카드사 심사). */
export async function recordCardReview(
  deps: Deps,
  actor: ApplicationActor,
  applicationId: string,
  input: { cardCompany: string; result: 'APPROVED' | 'REJECTED'; decidedOn: string; note?: string },
) {
  if (actor.kind !== 'operator') throw forbidden();
  if (!(cardCompanies as readonly string[]).includes(input.cardCompany)) {
    throw invalidInput('cardCompany', { ko: '카드사를 확인해 주세요.', en: 'Unknown card company.' });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.decidedOn) || Number.isNaN(Date.parse(input.decidedOn))) {
    throw invalidInput('decidedOn', { ko: '날짜를 YYYY-MM-DD로 입력해 주세요.', en: 'Enter the date as YYYY-MM-DD.' });
  }
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const application = await lockApplication(tx, applicationId);
    if (!application) throw applicationNotFound();
    if (application.stage !== 'CARD_REVIEW' && application.stage !== 'LIVE') {
      throw new ServiceError('CONFLICT', { ko: '카드사 심사 단계가 아닙니다.', en: 'The application is not in the card-company review.' }, 'stage');
    }
    const note = input.note?.trim() || null;
    await upsertCardReview(tx, { applicationId, cardCompany: input.cardCompany, result: input.result, decidedOn: input.decidedOn, note, recordedBy: actor.userId, recordedAt: at });
    await insertApplicationEvent(tx, {
      applicationId,
      kind: 'CARD_REVIEW',
      stage: null,
      actorType: 'operator',
      actorId: actor.userId,
      note: `${input.cardCompany}: ${input.result === 'APPROVED' ? '승인' : '거절'} (${input.decidedOn})${note ? ` — ${note}` : ''}`,
      at,
    });
    await recordAudit(tx, {
      actor: { type: 'operator', id: actor.userId, ip: actor.ip },
      merchantId: application.merchantId,
      action: 'application.card_review_recorded',
      target: { type: 'pg_application', id: applicationId },
      after: { cardCompany: input.cardCompany, result: input.result, decidedOn: input.decidedOn },
      at,
    });
  });
  return applicationView(deps, applicationId);
}

/** Everything the contract page shows: stage, timeline with expected dates, documents, reviews, notifications. */
export async function applicationView(deps: Deps, applicationId: string) {
  const application = await findApplication(deps.db, applicationId);
  if (!application) throw applicationNotFound();
  const [events, files, reviews, notifications, merchant] = await Promise.all([
    listApplicationEvents(deps.db, applicationId),
    listApplicationFiles(deps.db, applicationId),
    listCardReviews(deps.db, applicationId),
    listContactNotifications(deps.db, applicationId),
    findMerchant(deps.db, application.merchantId),
  ]);
  // The latest entry into each stage is what happened; the expectations after it count from there.
  const reachedAt: Partial<Record<ContractStage, Date>> = {};
  for (const e of events) if (e.kind === 'STAGE' && e.stage) reachedAt[e.stage as ContractStage] = e.at;
  const expected = expectedStageDates({ ...reachedAt, SUBMITTED: reachedAt.SUBMITTED ?? application.submittedAt });
  const uploadedKinds = new Set(files.map((f) => f.kind));
  return {
    id: application.id,
    merchant: merchant ? { id: merchant.id, code: merchant.code, name: merchant.name } : null,
    stage: application.stage,
    stageLabel: stageLabels[application.stage as ContractStage],
    contactEmail: application.contactEmail,
    paymentMethods: application.paymentMethods,
    pgProviders: application.pgProviders,
    submittedAt: application.submittedAt.toISOString(),
    expectedDates: expected,
    timeline: events.map((e) => ({
      kind: e.kind,
      stage: e.stage,
      stageLabel: e.stage ? stageLabels[e.stage as ContractStage] : null,
      actor: e.actorType,
      note: e.note,
      at: e.at.toISOString(),
      date: koreanDate(e.at),
    })),
    documents: contractDocuments.map((d) => ({
      ...d,
      uploaded: uploadedKinds.has(d.kind),
      files: files.filter((f) => f.kind === d.kind).map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, uploadedAt: f.uploadedAt.toISOString() })),
    })),
    cardReviews: reviews.map((r) => ({ cardCompany: r.cardCompany, result: r.result, decidedOn: r.decidedOn, note: r.note })),
    notifications: notifications.map((n) => ({
      id: n.id,
      toEmail: n.toEmail,
      subject: n.subject,
      body: n.body,
      createdAt: n.createdAt.toISOString(),
      status: n.status,
      attemptCount: n.attemptCount,
      sentAt: n.sentAt?.toISOString() ?? null,
      /** The last attempt's error: why it failed, or why it is being retried. */
      error: n.error,
      nextAttemptAt: n.status === 'PENDING' ? (n.nextAttemptAt?.toISOString() ?? null) : null,
    })),
  };
}

export async function myApplication(deps: Deps, session: SessionView) {
  const actor = merchantActor(session);
  const application = await findApplicationOfMerchant(deps.db, actor.merchantId!);
  return application ? applicationView(deps, application.id) : null;
}

export async function allApplications(deps: Deps, actor: ApplicationActor) {
  if (actor.kind !== 'operator') throw forbidden();
  const rows = await listApplications(deps.db);
  return Promise.all(rows.map((row) => applicationView(deps, row.id)));
}

/** A stored file, to its merchant's members or to an operator. */
export async function applicationFile(deps: Deps, session: SessionView, applicationId: string, fileId: string) {
  const application = await findApplication(deps.db, applicationId);
  const mayRead = application && (session.user.isPlatformOperator || application.merchantId === session.merchant?.id);
  if (!mayRead) throw notFound({ ko: '파일을 찾을 수 없습니다.', en: 'File not found.' });
  const file = await findApplicationFile(deps.db, applicationId, fileId);
  if (!file) throw notFound({ ko: '파일을 찾을 수 없습니다.', en: 'File not found.' });
  return file;
}

/** Whether the merchant's contract allows LIVE channels (from 계약완료 on). */
export async function contractStageOf(db: Executor, merchantId: string): Promise<ContractStage | null> {
  return ((await findApplicationOfMerchant(db, merchantId))?.stage as ContractStage | undefined) ?? null;
}

/** Card companies that approved the merchant (LIVE payments need at least one). */
export async function approvedCardCompaniesOf(db: Executor, merchantId: string): Promise<string[]> {
  const application = await findApplicationOfMerchant(db, merchantId);
  if (!application) return [];
  return (await listCardReviews(db, application.id)).filter((r) => r.result === 'APPROVED').map((r) => r.cardCompany);
}
