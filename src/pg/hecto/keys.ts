import { HECTO_TEST_ENCRYPTION_KEY, HECTO_TEST_LICENSE_KEY } from './codec/index.ts';
import { PgCredentialsError, type PgChannelCredentials } from '../contract.ts';

/** A channel's Hecto keys, opened for one call. Never log this object. */
export interface HectoKeys {
  readonly mchtId: string;
  readonly licenseKey: string;
  readonly encryptionKey: string;
}

/**
 * Channel → keys. Keys stored on the channel win (a live-like test MID registered with its own
 * keys); a TEST channel without keys uses Hecto's published test keys; a LIVE channel without
 * keys is a configuration bug, refused before anything is sent.
 */
export function hectoKeys(channel: PgChannelCredentials): HectoKeys {
  const licenseKey = channel.licenseKey?.reveal() ?? (channel.mode === 'TEST' ? HECTO_TEST_LICENSE_KEY : undefined);
  const encryptionKey = channel.encryptionKey?.reveal() ?? (channel.mode === 'TEST' ? HECTO_TEST_ENCRYPTION_KEY : undefined);
  if (!licenseKey || !encryptionKey) {
    throw new PgCredentialsError(`LIVE Hecto channel ${channel.mid} has no license key or encryption key`);
  }
  if (Buffer.byteLength(encryptionKey, 'utf8') !== 32) {
    throw new PgCredentialsError(`Hecto encryption key of ${channel.mid} must be 32 bytes`);
  }
  return { mchtId: channel.mid, licenseKey, encryptionKey };
}
