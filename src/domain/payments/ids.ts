import { randomUUID } from 'node:crypto';

/** A payment attempt's PG order number: short, unique, only letters and digits (PGs restrict it). */
export const newPgRequestId = (): string => `PMX${randomUUID().replaceAll('-', '').toUpperCase()}`;
/** PortOne's billing-key format. */
export const newBillingKeyId = (): string => `billing-key-${randomUUID()}`;
export const newScheduleId = (): string => `payment-schedule-${randomUUID()}`;
