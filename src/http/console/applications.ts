import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contractStages } from '../../domain/contract.ts';
import {
  advanceApplication,
  allApplications,
  applicationFile,
  merchantActor,
  myApplication,
  offeredPgProviders,
  operatorActor,
  recordCardReview,
  submitApplication,
  uploadDocument,
} from '../../services/applications.ts';
import type { Deps } from '../../services/deps.ts';
import { forbidden } from '../../services/errors.ts';
import { roleAllows } from '../../domain/tenancy.ts';
import { requireSession, sessionOf } from './session.ts';

// Uploads travel as base64 in JSON: 10 MB of file is about 13.4 MB of text.
const uploadBodyLimit = 15 * 1024 * 1024;
const upload = z.object({ fileName: z.string().max(300), contentBase64: z.string().max(uploadBodyLimit) });
const stage = z.enum(contractStages);
const hide = { hide: true };

/** 전자결제 신청 › 계약 for merchants, and the operator area that moves the PG-side stages. */
export const consoleApplicationRoutes: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireSession(deps));

  app.get('/application', { schema: hide }, async (request) => ({ application: await myApplication(deps, sessionOf(request)) }));

  app.get('/pg-providers', { schema: hide }, async () => ({ items: offeredPgProviders(deps) }));

  app.post(
    '/application',
    {
      bodyLimit: uploadBodyLimit,
      schema: {
        ...hide,
        body: z.object({
          contactEmail: z.string().max(320),
          paymentMethods: z.array(z.string().max(40)).max(10),
          pgProviders: z.array(z.string().max(40)).max(10),
          businessRegistration: upload,
        }),
      },
    },
    async (request, reply) => reply.code(201).send(await submitApplication(deps, sessionOf(request), request.body, request.ip)),
  );

  app.post(
    '/application/documents',
    { bodyLimit: uploadBodyLimit, schema: { ...hide, body: upload.extend({ kind: z.string().max(60) }) } },
    async (request) => uploadDocument(deps, sessionOf(request), request.body.kind, request.body, request.ip),
  );

  app.post('/application/advance', { schema: { ...hide, body: z.object({ stage }) } }, async (request) => {
    const session = sessionOf(request);
    if (!session.user.role || !roleAllows(session.user.role, 'manageApplication')) throw forbidden();
    return advanceApplication(deps, merchantActor(session, request.ip), null, request.body.stage, null);
  });

  app.get(
    '/applications/:applicationId/files/:fileId',
    { schema: { ...hide, params: z.object({ applicationId: z.uuid(), fileId: z.uuid() }) } },
    async (request, reply) => {
      const file = await applicationFile(deps, sessionOf(request), request.params.applicationId, request.params.fileId);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  // Operator area: only platform operators; to anyone else it does not exist (404).
  app.get('/operator/applications', { schema: hide }, async (request) => ({
    items: await allApplications(deps, operatorActor(sessionOf(request), request.ip)),
  }));

  app.post(
    '/operator/applications/:applicationId/advance',
    { schema: { ...hide, params: z.object({ applicationId: z.uuid() }), body: z.object({ stage, note: z.string().max(2000).optional() }) } },
    async (request) =>
      advanceApplication(deps, operatorActor(sessionOf(request), request.ip), request.params.applicationId, request.body.stage, request.body.note?.trim() || null),
  );

  app.post(
    '/operator/applications/:applicationId/card-reviews',
    {
      schema: {
        ...hide,
        params: z.object({ applicationId: z.uuid() }),
        body: z.object({ cardCompany: z.string().max(20), result: z.enum(['APPROVED', 'REJECTED']), decidedOn: z.string().max(10), note: z.string().max(2000).optional() }),
      },
    },
    async (request) => recordCardReview(deps, operatorActor(sessionOf(request), request.ip), request.params.applicationId, request.body),
  );
};
