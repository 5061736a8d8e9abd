import { sql } from 'drizzle-orm';
import { newApiSecret, newChannelId, newChannelKey, newImpKey, newImpSecret, newMerchantCode, newMerchantId, newRowId, newStoreId } from '../domain/ids.ts';
import { maskSecret } from '../domain/secret.ts';
import { normalizeBusinessRegistrationNumber, normalizeEmail, passwordMinLength, type ConsoleRole } from '../domain/tenancy.ts';
import type { Executor } from '../store/db.ts';
import { insertChannel, listChannels } from '../store/repositories/channels.ts';
import { insertApiSecret, upsertV1Credential } from '../store/repositories/credentials.ts';
import { saveDemoCredentials } from '../store/repositories/keyring.ts';
import {
  countMerchants,
  findConsoleUser,
  findConsoleUserByEmail,
  findMerchant,
  insertConsoleUser,
  insertMerchant,
  insertStore,
  listStoresOfMerchant,
  merchantCodeExists,
} from '../store/repositories/tenancy.ts';
import { tokenHash, type SecretBox } from '../store/secretBox.ts';
import { recordAudit } from './audit.ts';
import type { Actor, Deps } from './deps.ts';
import { invalidInput, ServiceError } from './errors.ts';
import { freshNoticeId } from './channels.ts';
import { hashPassword } from './passwords.ts';
import { createWebhookEndpoint } from './webhookSettings.ts';

/** What the console knows about the signed-in person. */
export interface SessionView {
  user: { id: string; email: string; role: ConsoleRole | null; isPlatformOperator: boolean };
  merchant: { id: string; code: string; name: string } | null;
  stores: { id: string; name: string }[];
}

export async function sessionView(db: Executor, userId: string): Promise<SessionView | undefined> {
  const user = await findConsoleUser(db, userId);
  if (!user) return undefined;
  const merchant = user.merchantId ? await findMerchant(db, user.merchantId) : undefined;
  const stores = merchant ? await listStoresOfMerchant(db, merchant.id) : [];
  return {
    user: { id: user.id, email: user.email, role: user.role, isPlatformOperator: user.isPlatformOperator },
    merchant: merchant ? { id: merchant.id, code: merchant.code, name: merchant.name } : null,
    stores: stores.map((s) => ({ id: s.id, name: s.name })),
  };
}

export interface SignUpInput {
  companyName: string;
  businessRegistrationNumber: string;
  email: string;
  password: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validateSignUp(input: SignUpInput) {
  const companyName = input.companyName.trim();
  if (companyName.length < 1 || companyName.length > 100) {
    throw invalidInput('companyName', { ko: '회사명을 1~100자로 입력해 주세요.', en: 'Company name must be 1–100 characters.' });
  }
  const brn = normalizeBusinessRegistrationNumber(input.businessRegistrationNumber);
  if (!brn) {
    throw invalidInput('businessRegistrationNumber', {
      ko: '올바른 사업자등록번호(10자리)가 아닙니다.',
      en: 'Not a valid business registration number (10 digits with a valid check digit).',
    });
  }
  const email = normalizeEmail(input.email);
  if (!emailPattern.test(email) || email.length > 254) {
    throw invalidInput('email', { ko: '올바른 이메일 주소를 입력해 주세요.', en: 'Enter a valid e-mail address.' });
  }
  if (input.password.length < passwordMinLength || input.password.length > 256) {
    throw invalidInput('password', {
      ko: `비밀번호는 ${passwordMinLength}자 이상이어야 합니다.`,
      en: `The password must be at least ${passwordMinLength} characters.`,
    });
  }
  return { companyName, brn, email, password: input.password };
}

const emailTaken = () =>
  new ServiceError('EMAIL_TAKEN', { ko: '이미 가입된 이메일입니다.', en: 'This e-mail address is already registered.' }, 'email');

function isUniqueViolation(error: unknown, constraintHint?: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, message } = e as { code?: string; constraint?: string; message?: string };
    if (code === '23505') return !constraintHint || `${constraint ?? ''} ${message ?? ''}`.includes(constraintHint);
  }
  return false;
}

async function freshMerchantCode(db: Executor): Promise<string> {
  for (;;) {
    const code = newMerchantCode();
    if (!(await merchantCodeExists(db, code))) return code;
  }
}

export interface NewStoreCredentials {
  storeId: string;
  impKey: string;
  impSecret: string;
  webhookSecret: string;
}

/** A store with what every store has from its first day: a V1 key pair and a V2 webhook endpoint. */
async function createStore(tx: Executor, box: SecretBox, merchantId: string, name: string, at: Date): Promise<NewStoreCredentials> {
  const storeId = newStoreId();
  await insertStore(tx, { id: storeId, merchantId, name, createdAt: at });
  const impKey = newImpKey();
  const impSecret = newImpSecret();
  await upsertV1Credential(tx, {
    storeId,
    impKey,
    impSecretHash: tokenHash(impSecret),
    maskedImpSecret: maskSecret(impSecret),
    createdAt: at,
  });
  const { secret: webhookSecret } = await createWebhookEndpoint(tx, box, storeId, at);
  return { storeId, impKey, impSecret, webhookSecret };
}

/** 회원가입: the merchant, its first store and its owner, in one transaction. */
export async function signUp(deps: Deps, input: SignUpInput, actor: Actor): Promise<{ userId: string; merchantId: string; storeId: string }> {
  const valid = validateSignUp(input);
  if (await findConsoleUserByEmail(deps.db, valid.email)) throw emailTaken();
  const passwordHash = await hashPassword(valid.password);
  const at = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const merchantId = newMerchantId();
      const code = await freshMerchantCode(tx);
      await insertMerchant(tx, { id: merchantId, code, name: valid.companyName, businessRegistrationNumber: valid.brn, createdAt: at });
      const { storeId } = await createStore(tx, deps.box, merchantId, valid.companyName, at);
      const userId = newRowId();
      await insertConsoleUser(tx, { id: userId, merchantId, email: valid.email, passwordHash, role: 'owner' });
      await recordAudit(tx, {
        actor: actor.type === 'system' ? actor : { ...actor, id: userId },
        merchantId,
        storeId,
        action: 'merchant.signed_up',
        target: { type: 'merchant', id: merchantId },
        after: { code, name: valid.companyName, storeId, owner: valid.email },
        at,
      });
      return { userId, merchantId, storeId };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'email')) throw emailTaken();
    throw error;
  }
}

/** The shape `paymux demo-credentials --json` prints (DESIGN.md, fixed interface). */
export interface DemoCredentials {
  storeId: string;
  apiSecret: string;
  webhookSecret: string;
  merchantCode: string;
  impKey: string;
  impSecret: string;
  console: { email: string; password: string };
  channels: { key: string; name: string; mid: string; mode: 'TEST' | 'LIVE' }[];
}

export const demoChannels = [
  { mid: 'portone1', name: '헥토 결제창 테스트', defaultMethods: ['CARD', 'VIRTUAL_ACCOUNT', 'TRANSFER'] },
  { mid: 'nxca_ks_gu', name: '헥토 수기결제 카유비생 테스트', defaultMethods: [] },
  { mid: 'nxca_jt_bi', name: '헥토 수기결제 카유 테스트', defaultMethods: [] },
] as const;

// Serialises the first start of several processes on one empty database.
const seedLockId = 0x70_61_79_73; // "pays"

/**
 * On an empty database: a demo merchant with everything needed to pay at once. Returns the
 * credentials when it seeded, undefined when the database already had merchants.
 */
export async function seedDemo(deps: Deps): Promise<DemoCredentials | undefined> {
  const password = newApiSecret().slice(0, 16);
  const passwordHash = await hashPassword(password);
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${seedLockId})`);
    if ((await countMerchants(tx)) > 0) return undefined;
    const merchantId = newMerchantId();
    const merchantCode = await freshMerchantCode(tx);
    await insertMerchant(tx, { id: merchantId, code: merchantCode, name: '페이먹스 데모 상점', businessRegistrationNumber: '1234567891', createdAt: at });
    const store = await createStore(tx, deps.box, merchantId, '데모 상점', at);
    const email = 'demo@paymux.local';
    await insertConsoleUser(tx, { id: newRowId(), merchantId, email, passwordHash, role: 'owner' });
    const apiSecret = newApiSecret();
    await insertApiSecret(tx, {
      id: newRowId(),
      storeId: store.storeId,
      name: 'demo',
      secretHash: tokenHash(apiSecret),
      maskedSecret: maskSecret(apiSecret),
      createdAt: at,
    });
    for (const channel of demoChannels) {
      await insertChannel(tx, {
        id: newChannelId(),
        storeId: store.storeId,
        key: newChannelKey(),
        name: channel.name,
        pgProvider: 'SETTLE',
        module: 'HECTO_WINDOW_API',
        attribute: 'PAYMENT',
        mode: 'TEST',
        mid: channel.mid,
        taxSetting: 'TAXABLE',
        isDefault: channel.defaultMethods.length > 0,
        defaultMethods: [...channel.defaultMethods],
        hectoNoticeId: await freshNoticeId(tx),
        createdAt: at,
        updatedAt: at,
      });
    }
    const channels = (await listChannels(tx, store.storeId)).map((c) => ({ key: c.key, name: c.name, mid: c.mid, mode: c.mode }));
    const credentials: DemoCredentials = {
      storeId: store.storeId,
      apiSecret,
      webhookSecret: store.webhookSecret,
      merchantCode,
      impKey: store.impKey,
      impSecret: store.impSecret,
      console: { email, password },
      channels,
    };
    await saveDemoCredentials(tx, deps.box, JSON.stringify(credentials));
    await recordAudit(tx, {
      actor: { type: 'system' },
      merchantId,
      storeId: store.storeId,
      action: 'demo.seeded',
      target: { type: 'merchant', id: merchantId },
      after: { merchantCode, storeId: store.storeId, channels: channels.map((c) => c.mid) },
      at,
    });
    return credentials;
  });
}

/** A platform operator (no merchant): moves the PG-side contract stages in the operator area. */
export async function createOperator(deps: Deps, rawEmail: string): Promise<{ email: string; password: string }> {
  const email = normalizeEmail(rawEmail);
  if (!emailPattern.test(email)) throw invalidInput('email', { ko: '올바른 이메일 주소를 입력해 주세요.', en: 'Enter a valid e-mail address.' });
  if (await findConsoleUserByEmail(deps.db, email)) throw emailTaken();
  const password = newApiSecret().slice(0, 20);
  const id = newRowId();
  await deps.db.transaction(async (tx) => {
    await insertConsoleUser(tx, { id, merchantId: null, email, passwordHash: await hashPassword(password), role: null, isPlatformOperator: true });
    await recordAudit(tx, { actor: { type: 'system' }, merchantId: null, action: 'operator.created', target: { type: 'console_user', id }, after: { email }, at: deps.clock.now() });
  });
  return { email, password };
}
