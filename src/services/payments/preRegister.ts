import { newRowId } from '../../domain/ids.ts';
import { upsertPreRegistration } from '../../store/repositories/payments.ts';
import type { Deps } from '../deps.ts';
import { paymentError } from '../errors.ts';
import type { ApiPrincipal } from '../v2Auth.ts';

export interface PreRegisterInput {
  paymentId: string;
  totalAmount: bigint;
  taxFreeAmount: bigint;
  currency: string;
}

/** Pre-registers what a payment must be; a later charge of a different amount is refused. */
export async function preRegisterPayment(deps: Deps, principal: ApiPrincipal, input: PreRegisterInput): Promise<void> {
  const now = deps.clock.now();
  const saved = await upsertPreRegistration(deps.db, {
    id: newRowId(),
    storeId: principal.storeId,
    paymentId: input.paymentId,
    transactionId: newRowId(),
    status: 'READY',
    preRegistered: true,
    totalAmount: input.totalAmount,
    taxFreeAmount: input.taxFreeAmount,
    currency: input.currency,
    requestedAt: now,
    updatedAt: now,
    statusChangedAt: now,
  });
  if (!saved) throw paymentError('ALREADY_PAID', { ko: '이미 결제가 진행된 건입니다.', en: 'The payment has already been attempted or paid.' });
}
