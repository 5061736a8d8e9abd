import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { billingKeyRoutes } from './billingKeys.ts';
import { paymentsBillingKey } from './payments.billingKey.ts';
import { paymentsCancel } from './payments.cancel.ts';
import { paymentsGet } from './payments.get.ts';
import { paymentsInstant } from './payments.instant.ts';
import { paymentsList } from './payments.list.ts';
import { paymentsMisc } from './payments.misc.ts';
import { resendWebhookRoute } from './payments.resendWebhook.ts';
import { scheduleRoutes } from './schedules.ts';

/** The payment API's route modules, registered by buildMainApp in the authenticated V2 scope. */
export const paymentRoutes: FastifyPluginAsync<{ deps: Deps }>[] = [
  paymentsGet,
  paymentsList,
  paymentsInstant,
  paymentsBillingKey,
  paymentsCancel,
  paymentsMisc,
  resendWebhookRoute,
  billingKeyRoutes,
  scheduleRoutes,
];
