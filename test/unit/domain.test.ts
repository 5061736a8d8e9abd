import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import pino from 'pino';
import { redactForAudit } from '../../src/domain/audit.ts';
import { merchantCodePattern, newApiSecret, newMerchantCode, newStoreId, newWebhookSecret, storeIdPattern } from '../../src/domain/ids.ts';
import { maskSecret, Secret } from '../../src/domain/secret.ts';
import { normalizeBusinessRegistrationNumber, roleAllows } from '../../src/domain/tenancy.ts';
import { redactedPaths } from '../../src/log.ts';

describe('identifiers', () => {
  it('have PortOne formats', () => {
    assert.match(newMerchantCode(), merchantCodePattern);
    assert.match(newStoreId(), storeIdPattern);
    assert.match(newApiSecret(), /^[A-Za-z0-9]{80}$/);
    const webhook = newWebhookSecret();
    assert.match(webhook, /^whsec_/);
    assert.equal(Buffer.from(webhook.slice(6), 'base64').length, 32);
  });
});

describe('사업자등록번호', () => {
  it('accepts valid numbers with or without dashes', () => {
    assert.equal(normalizeBusinessRegistrationNumber('123-45-67891'), '1234567891');
    assert.equal(normalizeBusinessRegistrationNumber('2208162517'), '2208162517');
  });
  it('rejects a wrong check digit, wrong length and letters', () => {
    assert.equal(normalizeBusinessRegistrationNumber('1234567890'), null);
    assert.equal(normalizeBusinessRegistrationNumber('123456789'), null);
    assert.equal(normalizeBusinessRegistrationNumber('12345678a1'), null);
  });
});

describe('roles', () => {
  it('let viewers only read and developers manage keys but not channels', () => {
    assert.equal(roleAllows('viewer', 'read'), true);
    assert.equal(roleAllows('viewer', 'manageKeys'), false);
    assert.equal(roleAllows('developer', 'manageKeys'), true);
    assert.equal(roleAllows('developer', 'manageChannels'), false);
    assert.equal(roleAllows('owner', 'manageMembers'), true);
  });
});

describe('secrets never print', () => {
  it('Secret hides its value from String, JSON and inspect', () => {
    const secret = new Secret('sk_live_123');
    assert.equal(String(secret), '[secret]');
    assert.equal(JSON.stringify({ secret }), '{"secret":"[secret]"}');
    assert.ok(!inspect({ secret }).includes('sk_live'));
    assert.equal(secret.reveal(), 'sk_live_123');
  });

  it('masks keep both ends only', () => {
    assert.equal(maskSecret('abcdefghijkl'), 'abcd…ijkl');
    assert.equal(maskSecret('short'), '•••••');
  });

  it('audit before/after lose every sensitive field, however deep', () => {
    const redacted = redactForAudit({ name: 'n', apiSecret: 'x', nested: { licenseKey: 'k', list: [{ password: 'p' }] }, maskedSecret: 'ab…cd' });
    assert.deepEqual(redacted, { name: 'n', apiSecret: '[redacted]', nested: { licenseKey: '[redacted]', list: [{ password: '[redacted]' }] }, maskedSecret: 'ab…cd' });
  });

  it('log lines redact card fields and credentials', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ redact: { paths: redactedPaths, censor: '[redacted]' } }, sink);
    log.info({ card: { number: '4111111111111111', expiryYear: '30', passwordTwoDigits: '12' }, body: { apiSecret: 'sekret' } }, 'paying');
    const text = lines.join('');
    for (const leaked of ['4111111111111111', 'sekret', '"12"', '"30"']) assert.ok(!text.includes(leaked), `${leaked} leaked: ${text}`);
    assert.match(text, /\[redacted\]/);
  });
});
