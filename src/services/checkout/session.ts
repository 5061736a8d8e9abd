import { z } from 'zod';

/**
 * What paymux remembers of one window attempt between the buyer's requests: which dialect asked,
 * how the window was shown and where the result goes. It lives in the attempt's pg_calls record
 * (no card data: the buyer types that into the PG's window, never into paymux).
 */
export const windowTypes = ['POPUP', 'IFRAME', 'REDIRECTION'] as const;
export type WindowType = (typeof windowTypes)[number];
export type CheckoutLocale = 'ko' | 'en';
export type CheckoutApi = 'V2' | 'V1';
export type CheckoutDevice = 'pc' | 'mobile';

export const windowSessionSchema = z.object({
  api: z.enum(['V2', 'V1']),
  windowType: z.enum(windowTypes),
  method: z.enum(['CARD', 'VIRTUAL_ACCOUNT', 'TRANSFER']),
  locale: z.enum(['ko', 'en']),
  /** The buyer's device as the browser SDK saw it: iamport's `channel` (pc / mobile). */
  device: z.enum(['pc', 'mobile']).optional(),
  /** The merchant page's origin: the only one the result is posted to. */
  returnOrigin: z.string().optional(),
  redirectUrl: z.string().optional(),
  installmentMonths: z.number().int().optional(),
  dueAt: z.string().optional(),
  /** Set once the form went to the PG: a second open would be a duplicate order number. */
  openedAt: z.string().optional(),
  /** The unverified reject code / message the window brought back, for the buyer's message. */
  returned: z
    .object({ claims: z.enum(['success', 'failure', 'cancelled']), code: z.string().optional(), message: z.string().optional() })
    .optional(),
});
export type WindowSession = z.infer<typeof windowSessionSchema>;

export function sessionOf(record: Record<string, unknown> | null): WindowSession | undefined {
  const parsed = windowSessionSchema.safeParse(record?.window);
  return parsed.success ? parsed.data : undefined;
}

export const recordOf = (session: WindowSession): Record<string, unknown> => ({ window: session });

/** iamport's `channel` of a window payment: what the SDK saw, else by window type (redirection is the phones' way). */
export const deviceOf = (session: WindowSession): CheckoutDevice => session.device ?? (session.windowType === 'REDIRECTION' ? 'mobile' : 'pc');
