import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startJobs, type Jobs } from '../../src/jobs/index.ts';
import { buildMainApp } from '../../src/http/app.ts';
import { databaseKinds } from '../support/database.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

for (const kind of databaseKinds) {
  describe(`health, metrics and docs on ${kind}`, () => {
    let t: TestApp;
    let jobs: Jobs;
    before(async () => {
      t = await startTestApp(kind);
      jobs = await startJobs(t.deps, { work: true });
    });
    after(async () => {
      await jobs.stop();
      await t.close();
    });

    it('reports job queue depth and request counts and latencies in Prometheus text', async () => {
      await jobs.boss.send('housekeeping', {}, { startAfter: 3600 });
      const app = await buildMainApp({ deps: t.deps, queueDepths: () => jobs.queueDepths() });
      try {
        await app.inject({ method: 'GET', url: '/health' });
        await app.inject({ method: 'GET', url: '/nowhere' });
        const response = await app.inject({ method: 'GET', url: '/metrics' });
        assert.equal(response.statusCode, 200);
        assert.match(response.headers['content-type'] as string, /text\/plain/);
        const text = response.body;
        assert.match(text, /paymux_http_requests_total\{method="GET",route="\/health",status="200"\} 1/);
        assert.match(text, /paymux_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
        assert.match(text, /paymux_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health"\}/);
        assert.match(text, /paymux_job_queue_depth\{queue="housekeeping"\} 1/);
      } finally {
        await app.close();
      }
    });

    it('serves OpenAPI generated from the route schemas, and a browsable page', async () => {
      const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
      assert.equal(spec.openapi.startsWith('3.'), true);
      const login = spec.paths['/login/api-secret'].post;
      assert.deepEqual(login.requestBody.content['application/json'].schema.required, ['apiSecret']);
      assert.ok(spec.paths['/token/refresh']);
      assert.equal(spec.paths['/console-api/login'], undefined, 'console internals are not part of the public API');
      const page = await t.app.inject({ method: 'GET', url: '/docs/' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /swagger/i);
    });

    it('answers V1 errors in the iamport envelope on its own origin and under /v1', async () => {
      for (const [app, url] of [[t.v1, '/payments/imp_123'], [t.app, '/v1/payments/imp_123']] as const) {
        // No token: iamport answers 401 in its envelope (unknown ids are 404 once authenticated).
        const response = await app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 401);
        assert.deepEqual(Object.keys(response.json()).sort(), ['code', 'message', 'response']);
        assert.equal(response.json().code, -1);
      }
    });

    it('answers /health 200 while the database is up and 503 when it is down', async () => {
      const up = await t.app.inject({ method: 'GET', url: '/health' });
      assert.equal(up.statusCode, 200);
      assert.equal(up.json().status, 'ok');
      await jobs.stop();
      await t.deps.store.close();
      const down = await t.app.inject({ method: 'GET', url: '/health' });
      assert.equal(down.statusCode, 503);
      assert.equal(down.json().status, 'unavailable');
    });
  });
}
