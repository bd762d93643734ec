import { createHash, randomBytes } from 'node:crypto';

/** The recognisable start of every API token (secret scanners can look for it). */
export const TOKEN_PREFIX = 'prc_';
/** How many characters of a token are kept in clear, to recognise it in lists. */
export const TOKEN_DISPLAY_LENGTH = 12;

/** Hex SHA-256: how session ids and API tokens are stored. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A new opaque session id for the cookie (32 random bytes). */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A new API token: `prc_` and 32 random bytes in base64url (43 characters). */
export function newApiToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Whether a string has the shape of one of our API tokens. */
export function looksLikeApiToken(value: string): boolean {
  return /^prc_[A-Za-z0-9_-]{43}$/.test(value);
}
