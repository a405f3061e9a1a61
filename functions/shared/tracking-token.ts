import { createHash, randomBytes } from 'node:crypto';

/** A resident's tracking token: 128 random bits; only its hash is stored. */
export function trackingToken(): { token: string; hash: string } {
  const token = randomBytes(16).toString('base64url');
  return { token, hash: createHash('sha256').update(token).digest('hex') };
}
