import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@recupera/shared';

/** Only the SHA-256 of a key is stored: keys are 256 random bits, so a slow hash adds nothing. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 256 random bits; the prefix names the role so a leaked key is recognisable in logs and scanners. */
export function generateKey(role: Role): string {
  return `rk_${role.toLowerCase()}_${randomBytes(32).toString('base64url')}`;
}

/** The characters of a key shown to admins and written in the audit trail: enough to tell keys apart. */
export function keyPrefix(key: string): string {
  return key.slice(0, 12);
}

/** Compares two secrets in constant time (through their hashes, so lengths do not leak either). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashKey(a), 'hex'), Buffer.from(hashKey(b), 'hex'));
}
