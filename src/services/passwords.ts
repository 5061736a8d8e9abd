import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes, 1 lane): OWASP's recommended minimum.
// (2 is Algorithm.Argon2id; the enum is ambient const and cannot be imported under verbatimModuleSyntax.)
const options = { algorithm: 2 as const };

export const hashPassword = (password: string): Promise<string> => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a crash
  }
}

/** Verifying against this costs the same as a real check, so unknown e-mails take as long as known ones. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('paymux-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
