import { z } from 'zod';

export const v2ErrorSchema = z.object({ type: z.string(), message: z.string() }).describe('PortOne 오류 응답');

/**
 * PortOne's GET lists carry their input as `?requestBody=<url-encoded JSON>`. This is the query
 * schema for such a route: the JSON is parsed and validated by `body`, and a failure names the
 * field inside it (`requestBody.page.size: …`).
 */
export function requestBodyQuery<T extends z.ZodType>(body: T) {
  const json = z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
      return z.NEVER;
    }
  });
  return z.object({ requestBody: json.pipe(body).optional(), storeId: z.string().optional() });
}

/** A body that may be absent (Fastify validates an absent body as null): PortOne's SDK sends empty bodies. */
export const optionalBody = <T extends z.ZodType>(body: T) => body.nullish();
