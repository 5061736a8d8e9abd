import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadOrCreateMasterKeyFile, MasterKeyError, parseMasterKey, tokenHash } from '../../src/store/secretBox.ts';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('hex');

describe('SecretBox (AES-256-GCM, row id as associated data)', () => {
  it('opens what it sealed, and never yields the plaintext in the ciphertext', () => {
    const box = parseMasterKey(keyA);
    const sealed = box.seal('whsec_topsecret', 'row-1');
    assert.equal(sealed.keyVersion, 1);
    assert.ok(!Buffer.from(sealed.ciphertext, 'base64').toString('latin1').includes('topsecret'));
    assert.equal(box.open(sealed, 'row-1'), 'whsec_topsecret');
  });

  it('uses a fresh IV each time', () => {
    const box = parseMasterKey(keyA);
    assert.notEqual(box.seal('same', 'r').ciphertext, box.seal('same', 'r').ciphertext);
  });

  it('refuses a ciphertext moved to another row', () => {
    const box = parseMasterKey(keyA);
    const sealed = box.seal('license-key', 'channel-1');
    assert.throws(() => box.open(sealed, 'channel-2'), MasterKeyError);
  });

  it('refuses a tampered ciphertext and a wrong key', () => {
    const box = parseMasterKey(keyA);
    const sealed = box.seal('secret', 'r');
    const raw = Buffer.from(sealed.ciphertext, 'base64');
    raw[raw.length - 1]! ^= 1;
    assert.throws(() => box.open({ ...sealed, ciphertext: raw.toString('base64') }, 'r'), MasterKeyError);
    assert.throws(() => parseMasterKey(keyB).open(sealed, 'r'), MasterKeyError);
  });

  it('rotates: a keyring encrypts with its first key and still opens older versions', () => {
    const old = parseMasterKey(`1:${keyA}`);
    const sealedOld = old.seal('old secret', 'r');
    const ring = parseMasterKey(`2:${keyB},1:${keyA}`);
    assert.equal(ring.currentVersion, 2);
    assert.equal(ring.open(sealedOld, 'r'), 'old secret');
    const sealedNew = ring.seal('new secret', 'r');
    assert.equal(sealedNew.keyVersion, 2);
    assert.throws(() => old.open(sealedNew, 'r'), /no master key of version 2/);
  });

  it('rejects keys that are not 32 bytes, with the reason', () => {
    assert.throws(() => parseMasterKey('short'), /must be 32 bytes/);
    assert.throws(() => parseMasterKey(''), /empty/);
  });

  it('derives purpose keys that differ from each other and from the master key', () => {
    const box = parseMasterKey(keyA);
    const a = Buffer.from(box.deriveKey('tokens'));
    assert.equal(a.length, 32);
    assert.notDeepEqual(a, Buffer.from(box.deriveKey('other')));
    assert.notDeepEqual(a, Buffer.from(keyA, 'base64'));
    assert.deepEqual(a, Buffer.from(parseMasterKey(keyA).deriveKey('tokens')));
  });

  it('writes a generated master key file readable only by its owner, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paymux-key-'));
    const first = loadOrCreateMasterKeyFile(dir);
    assert.equal(first.created, true);
    assert.equal(statSync(path.join(dir, 'master.key')).mode & 0o777, 0o600);
    const second = loadOrCreateMasterKeyFile(dir);
    assert.equal(second.created, false);
    assert.equal(second.box.open(first.box.seal('x', 'r'), 'r'), 'x');
  });

  it('hashes tokens with SHA-256 hex', () => {
    assert.equal(tokenHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
