/**
 * The server API envelope `{"params": {...}, "data": {...}}` (both ways) and the form encoding of
 * window posts and notifications. Wire values are strings; numbers found on the wire are read as
 * their decimal text so a sloppy peer does not break parsing.
 */
export type WireFields = Readonly<Record<string, string>>;

export interface HectoEnvelope<P extends object = WireFields, D extends object = WireFields> {
  params: P;
  data: D;
}

export function buildEnvelope<P extends object, D extends object>(params: P, data: D): string {
  return JSON.stringify({ params: dropUndefined(params), data: dropUndefined(data) });
}

export type ParsedEnvelope =
  | { ok: true; params: WireFields; data: WireFields }
  | { ok: false; reason: 'NOT_JSON' | 'NOT_ENVELOPE' };

/** Parses a raw body as the envelope whatever its Content-Type said. A missing `data` is empty. */
export function parseEnvelope(raw: string): ParsedEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'NOT_JSON' };
  }
  if (!isObject(parsed) || !isObject(parsed.params)) return { ok: false, reason: 'NOT_ENVELOPE' };
  const data = parsed.data === undefined || parsed.data === null ? {} : parsed.data;
  if (!isObject(data)) return { ok: false, reason: 'NOT_ENVELOPE' };
  return { ok: true, params: toWireFields(parsed.params), data: toWireFields(data) };
}

/** `application/x-www-form-urlencoded` body of a window post or a notification. */
export function toFormBody(fields: object): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) form.append(key, String(value));
  }
  return form.toString();
}

export function parseFormBody(raw: string): WireFields {
  const result: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) result[key] = value;
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toWireFields(source: Record<string, unknown>): WireFields {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'string') result[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') result[key] = String(value);
  }
  return result;
}

function dropUndefined(source: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined));
}
