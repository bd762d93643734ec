import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** OWASP's Argon2id parameters: 19 MiB of memory, 2 passes, 1 lane. */
const ARGON2ID_OPTIONS = {
  // Algorithm is an ambient const enum (not usable with isolated modules); 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Long-enough passwords that people still pick; a short list on purpose (see docs/security.md). */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789abc',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'aaaaaaaaaaaa',
  'abc123456789',
  'abcd12345678',
  'abcdefghijkl',
  'administrator',
  'changeme1234',
  'iloveyou1234',
  'letmein12345',
  'password1234',
  'password12345',
  'password123!',
  'password@123',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'qwerty123456',
  'qwertyuiop12',
  'qwertyuiopas',
  'qwerty12345678',
  'welcome12345',
  'welcome@1234',
  'welcome123456',
  'cambodia1234',
  'cambodia@123',
  'phnompenh123',
  'phnompenh1234',
  'prachum12345',
  'prachum123456',
  'ncct12345678',
  'ncct@1234567',
  'secret123456',
  'trustno1trustno1',
  'football1234',
  'superman1234',
  'sunshine1234',
  'monkey123456',
  'dragon123456',
  'baseball1234',
  'master123456',
  'access123456',
  'letmeinplease',
  'correcthorsebatterystaple',
  'zaq12wsxcde3',
  'asdfghjkl123',
  'asdfasdfasdf',
  'zxcvbnm12345',
  '000000000000',
  '111111111111',
  '123123123123',
  '987654321098',
]);

/** What is wrong with a new password, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) return 'is too common; choose another';
  if (email && lower.includes(email.toLowerCase().split('@')[0]!) && email.split('@')[0]!.length >= 6) {
    return 'must not contain your e-mail address';
  }
  return undefined;
}

/** An Argon2id hash (PHC string) of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown e-mail) it checks against a
 * dummy one, so that a wrong e-mail and a wrong password take the same time.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  const target = storedHash ?? (await dummyHash);
  let ok = false;
  try {
    ok = await verify(target, password.slice(0, MAX_PASSWORD_LENGTH));
  } catch {
    ok = false;
  }
  return ok && storedHash !== undefined;
}
