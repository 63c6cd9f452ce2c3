import { createHmac, randomBytes } from 'node:crypto';

/**
 * Pseudonyms for people: a keyed hash whose key lives in the state database (so every process on
 * it agrees) and never leaves it. Shared by every StateStore backend.
 */

/** A fresh key, stored by the first process that opens a new state database. */
export function newUserHashKey(): string {
  return randomBytes(32).toString('hex');
}

export function userHasher(key: string): (userId: string) => string {
  return (userId) => createHmac('sha256', key).update(userId).digest('hex').slice(0, 32);
}
