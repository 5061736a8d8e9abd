import { z } from 'zod';
import { invalidInput } from '../../services/errors.ts';

/**
 * V1 input: JSON or form-urlencoded, so numbers and booleans may arrive as strings. Each failure
 * names its field, e.g. `amount: must be a number`.
 */
const numberLike = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
    .transform(Number),
]);

export const v1Won = numberLike.pipe(z.number().int('must be whole won').min(0, 'must not be negative').max(9_999_999_999)).transform(BigInt);
export const v1Int = numberLike.pipe(z.number().int('must be an integer'));
export const v1UnixSeconds = numberLike.pipe(z.number().int('must be unix seconds').min(0)).transform((s) => new Date(s * 1000));
export const v1Bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', '']).transform((v) => v === 'true' || v === '1')]);
export const v1Text = (max = 200) => z.string().max(max);
/** The V1 card expiry: `YYYY-MM` (also `YYYYMM`, `YY-MM`, `YYMM`). */
export const v1Expiry = z
  .string()
  .trim()
  .regex(/^(\d{2}|\d{4})-?(0[1-9]|1[0-2])$/, 'must be YYYY-MM')
  .transform((v) => {
    const [, year, month] = /^(\d{2}|\d{4})-?(\d{2})$/.exec(v)!;
    return { year: Number(year!.length === 2 ? `20${year}` : year), month: Number(month) };
  });
export const v1CardNumber = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{13,19}$/, 'must be 13-19 digits'));
export const v1Birth = z.string().trim().regex(/^(\d{6}|\d{10})$/, 'must be YYMMDD or a 10-digit business number');
export const v1Pwd2 = z.string().trim().regex(/^\d{2}$/, 'must be 2 digits');
export const v1Url = z.string().url('must be a URL').max(500);
/** One notice_url or several. */
export const v1NoticeUrls = z.union([v1Url.transform((u) => [u]), z.array(v1Url).max(5)]);

export const v1Buyer = {
  buyer_name: v1Text(100).optional(),
  buyer_email: v1Text(200).optional(),
  buyer_tel: v1Text(40).optional(),
  buyer_addr: v1Text(300).optional(),
  buyer_postcode: v1Text(20).optional(),
};

export function buyerOf(input: { buyer_name?: string | undefined; buyer_email?: string | undefined; buyer_tel?: string | undefined; buyer_addr?: string | undefined; buyer_postcode?: string | undefined }) {
  return {
    ...(input.buyer_name ? { name: input.buyer_name } : {}),
    ...(input.buyer_email ? { email: input.buyer_email } : {}),
    ...(input.buyer_tel ? { tel: input.buyer_tel } : {}),
    ...(input.buyer_addr ? { addr: input.buyer_addr } : {}),
    ...(input.buyer_postcode ? { postcode: input.buyer_postcode } : {}),
  };
}

/** Parses one part of a request (`body`, `query`, `params`); the first problem names its field. */
export function parseV1<T extends z.ZodType>(schema: T, input: unknown, part = 'body'): z.output<T> {
  const result = schema.safeParse(withoutEmptyStrings(input ?? {}));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.') || part;
  const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  throw invalidInput(field, { ko: message, en: message });
}

/** iamport's clients send `''` for fields they leave out (the old one requires `birth` and `pwd_2digit`). */
function withoutEmptyStrings(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== ''));
}

/**
 * `application/x-www-form-urlencoded` as iamport reads it: repeated keys and `key[]` are arrays,
 * `a[0][b]=` nests (the `schedules` of `/subscribe/payments/schedule`).
 */
export function parseForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) {
      root[rawKey] = value;
      continue;
    }
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    assign(root, path, value);
  }
  return root;
}

const unsafeKeys = new Set(['__proto__', 'constructor', 'prototype']);

function assign(target: Record<string, unknown> | unknown[], path: string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined || unsafeKeys.has(head)) return;
  if (Array.isArray(target)) {
    if (head === '' && rest.length === 0) {
      target.push(value);
      return;
    }
    const index = head === '' ? target.length : Number(head);
    if (!Number.isInteger(index) || index < 0 || index > 1000) return;
    if (rest.length === 0) {
      target[index] = value;
      return;
    }
    target[index] ??= rest[0] === '' || /^\d+$/.test(rest[0]!) ? [] : {};
    assign(target[index] as Record<string, unknown>, rest, value);
    return;
  }
  if (rest.length === 0) {
    const existing = target[head];
    target[head] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    return;
  }
  const next = target[head];
  if (next === undefined || typeof next !== 'object') target[head] = rest[0] === '' || /^\d+$/.test(rest[0]!) ? [] : {};
  assign(target[head] as Record<string, unknown>, rest, value);
}
