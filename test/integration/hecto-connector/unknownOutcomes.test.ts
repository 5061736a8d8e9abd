import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { PgResult } from '../../../src/pg/contract.ts';
import type { HectoConnector } from '../../../src/pg/hecto/index.ts';
import { approved, card, channel, connectorFor, startTestSandbox } from './helpers.ts';

const listen = async <S extends Server | TcpServer>(server: S): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
};

function assertUnknown(result: PgResult<unknown>, cause: string): void {
  assert.equal(result.outcome, 'unknown', JSON.stringify(result.record));
  assert.equal(result.outcome === 'unknown' && result.cause, cause);
  assert.equal(result.record.outcome, 'unknown');
  assert.equal(result.record.unknownCause, cause);
}

describe('Hecto connector: unknown outcomes are never declines, and an inquiry finds the truth', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let connector: HectoConnector;

  before(async () => {
    // The slow card answers far beyond the client's (short) patience.
    sandbox = await startTestSandbox({ slowReplyMs: 10 * 60_000 });
    connector = connectorFor(sandbox.url, { timeouts: { connectMs: 1_000, totalMs: 400 } });
  });
  after(async () => {
    await sandbox.close();
  });

  const pay = (number: string) => connector.approveKeyIn(channel('nxca_jt_bi'), { card: card(number), amount: 5_000n, orderName: '상품' });
  const inquire = (result: PgResult<unknown>) =>
    connector.inquire(channel('nxca_jt_bi'), {
      paymentMethod: 'CARD',
      originalRequestId: result.record.requestId,
      originalRequestedAt: result.record.startedAt,
      originalAmount: 5_000n,
    });

  it('a card that never answers ends in a timeout, and the inquiry says nothing was booked', async () => {
    const result = await pay('4000000000009990');
    assertUnknown(result, 'timeout');
    assert.equal(approved(await inquire(result)).state, 'NOT_FOUND');
  });

  it('a card that answers too late ends in a timeout, and the inquiry finds it paid', async () => {
    const result = await pay('4000000000009991');
    assertUnknown(result, 'timeout');
    const found = approved(await inquire(result));
    assert.equal(found.state, 'PAID');
    assert.equal(found.amount, 5_000n);
    assert.match(found.pgTxId ?? '', /^STFP_PGCA/);
  });

  it('a card whose reply is dropped after approval ends in a connection failure, and the inquiry finds it paid', async () => {
    const result = await pay('4000000000009992');
    assertUnknown(result, 'connection');
    assert.equal(approved(await inquire(result)).state, 'PAID');
  });
});

describe('Hecto connector: misbehaving servers', () => {
  const servers: (Server | TcpServer)[] = [];
  const sockets: Socket[] = [];
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function replying(status: number, body: string): Promise<HectoConnector> {
    const server = createHttpServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    });
    servers.push(server);
    return connectorFor(`http://${await listen(server)}`);
  }
  const pay = (connector: HectoConnector) =>
    connector.approveKeyIn(channel('nxca_jt_bi'), { card: card(), amount: 5_000n, orderName: '상품' });

  it('a non-200 answer is unknown, even when its body looks like a decline', async () => {
    const body = JSON.stringify({ params: { outStatCd: '0031', outRsltCd: 'CA31', outRsltMsg: '한도초과' }, data: {} });
    assertUnknown(await pay(await replying(502, body)), 'http_status');
  });

  it('an unparsable 200 answer is unknown', async () => {
    assertUnknown(await pay(await replying(200, '<html>gateway error</html>')), 'unparsable');
  });

  it('a code Hecto marks as uncertain (9999) or one paymux does not know is unknown', async () => {
    const uncertain = JSON.stringify({ params: { outStatCd: '0031', outRsltCd: '9999', outRsltMsg: '내부 시스템 오류' }, data: {} });
    assertUnknown(await pay(await replying(200, uncertain)), 'uncertain_code');
    const unmapped = JSON.stringify({ params: { outStatCd: '0031', outRsltCd: 'ZZ99', outRsltMsg: '?' }, data: {} });
    assertUnknown(await pay(await replying(200, unmapped)), 'uncertain_code');
  });

  it('a peer that accepts TCP but never finishes the TLS handshake hits the connect timeout', async () => {
    const server = createTcpServer((socket) => sockets.push(socket));
    servers.push(server);
    const connector = connectorFor(`https://${await listen(server)}`, { timeouts: { connectMs: 200, totalMs: 30_000 } });
    const result = await pay(connector);
    assertUnknown(result, 'timeout');
    assert.match(result.outcome === 'unknown' ? result.detail : '', /not connected within 200 ms/);
  });

  it('a refused connection is unknown (connection), never a decline', async () => {
    const server = createTcpServer();
    servers.push(server);
    const address = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    servers.pop();
    assertUnknown(await pay(connectorFor(`http://${address}`)), 'connection');
  });
});
