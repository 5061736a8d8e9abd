import { z } from 'zod';

export const v2ErrorSchema = z.object({ type: z.string(), message: z.string() }).describe('PortOne 오류 응답');
