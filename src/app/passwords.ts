/** argon2id hashing (OWASP parameters: 19 MiB, t=2, p=1). */
import { hash, verify } from '@node-rs/argon2';

const OPTS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
let dummy: Promise<string> | undefined;

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, OPTS);
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

/** Spends the same time as a real check, so an unknown e-mail is not revealed by timing. */
export async function verifyAgainstDummy(pw: string): Promise<void> {
  dummy ??= hashPassword('simpul-dummy-password-never-valid');
  await verifyPassword(await dummy, pw);
}
