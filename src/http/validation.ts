import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** The first schema failure as `field: reason`, so a client sees which input was wrong. */
export function describeValidationError(error: unknown): { field: string; message: string } | undefined {
  if (!hasZodFastifySchemaValidationErrors(error)) return undefined;
  const first = error.validation[0];
  if (!first) return undefined;
  const context = (error as { validationContext?: string }).validationContext;
  const path = first.instancePath.split('/').filter(Boolean).join('.');
  const field = path || (context === 'querystring' ? 'query' : (context ?? 'body'));
  return { field, message: `${context && path ? `${context}.` : ''}${field}: ${first.message}` };
}

/** Errors a client caused (bad JSON, too large, bad URL…) as opposed to our bugs. */
export function isClientError(error: FastifyError): boolean {
  return typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500;
}

/**
 * Bodies as PortOne's SDK sends them: JSON with no or any Content-Type (it sends text/plain),
 * and empty bodies. Returns undefined for an empty body.
 */
export function parseLenientJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  return JSON.parse(text);
}

/**
 * Where a request's input holds a NUL character (`body.orderName`, `params.paymentId`…), if
 * anywhere. PostgreSQL text cannot store one, so such input is refused as invalid before any
 * query sees it; no PortOne id or field contains one.
 */
export function findNulCharacter(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (key.includes('\u0000')) return innerPath;
    const found = findNulCharacter(inner, innerPath, depth + 1);
    if (found) return found;
  }
  return undefined;
}
