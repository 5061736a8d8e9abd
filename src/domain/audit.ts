// What may enter the audit log: a change's before/after, never a secret.

const sensitiveKey = /(secret|password|passwd|token|licen[cs]e|encryption|ciphertext|hash|card|cvc|expiry|birth)/i;
const allowedKeys = new Set(['maskedSecret', 'maskedImpSecret']);

/** Deep copy with every sensitive-looking field replaced, so a careless caller cannot leak into the log. */
export function redactForAudit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactForAudit);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = sensitiveKey.test(key) && !allowedKeys.has(key) ? '[redacted]' : redactForAudit(inner);
    }
    return out;
  }
  return value;
}
