import { z } from 'zod';

/** Request pieces shared by the payment routes (PortOne V2 input shapes). */
export const paymentIdParams = z.object({ paymentId: z.string().min(1).max(200) });

export const wonInput = z.number().int().min(0).max(9_999_999_999);

export const customerInput = z
  .object({
    id: z.string().max(100).optional(),
    name: z.object({ full: z.string().max(100).optional() }).optional(),
    email: z.string().max(200).optional(),
    phoneNumber: z.string().max(40).optional(),
  })
  .optional();

/** PortOne's CustomerInput flattened to what paymux keeps (strings only). */
export function customerOf(input: z.infer<typeof customerInput>): Record<string, string> | undefined {
  if (!input) return undefined;
  const out: Record<string, string> = {};
  if (input.id) out.id = input.id;
  if (input.name?.full) out.name = input.name.full;
  if (input.email) out.email = input.email;
  if (input.phoneNumber) out.phoneNumber = input.phoneNumber;
  return out;
}

export const currencyInput = z.enum(['KRW', 'CURRENCY_KRW']).transform(() => 'KRW');

export const cardCredentialInput = z.object({
  number: z.string().regex(/^\d{13,19}$/, 'card number must be 13-19 digits'),
  expiryYear: z.string().regex(/^(\d{2}|\d{4})$/, 'expiryYear must be 2 or 4 digits'),
  expiryMonth: z.string().regex(/^(0?[1-9]|1[0-2])$/, 'expiryMonth must be 1-12'),
  birthOrBusinessRegistrationNumber: z.string().regex(/^(\d{6}|\d{10})$/).optional(),
  passwordTwoDigits: z.string().regex(/^\d{2}$/).optional(),
});

export const noticeUrlsInput = z.array(z.string().url().max(500)).max(5).optional();
