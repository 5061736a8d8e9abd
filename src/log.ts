import pino, { type Logger } from 'pino';

/**
 * Redaction is the safety net under the rule that card data and secrets are never logged:
 * anything that slips into a log object under one of these names prints as [redacted].
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.apiSecret',
  '*.secret',
  '*.refreshToken',
  '*.accessToken',
  '*.impSecret',
  '*.imp_secret',
  '*.licenseKey',
  '*.encryptionKey',
  '*.cardNumber',
  '*.card_number',
  '*.number',
  '*.expiry',
  '*.expiryYear',
  '*.expiryMonth',
  '*.passwordTwoDigits',
  '*.pwd_2digit',
  '*.birth',
  '*.birthOrBusinessRegistrationNumber',
  '*.credential',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } });
}

export type { Logger };
