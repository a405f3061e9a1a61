import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random bytes in a tracking token: 128 bits, never guessed. */
export const TRACKING_TOKEN_BYTES = 16;

const sha256 = (value: string): Buffer =>
  createHash('sha256').update(value).digest();

/** A resident's tracking token: 128 random bits; only its hash is stored. */
export function trackingToken(): { token: string; hash: string } {
  const token = randomBytes(TRACKING_TOKEN_BYTES).toString('base64url');
  return { token, hash: sha256(token).toString('hex') };
}

// Compared against when there is no stored hash (or it is not a SHA-256),
// so every miss costs one comparison of the same length.
const NO_HASH = sha256('no complaint has this hash');

/**
 * Whether a token is the one whose SHA-256 (hex) was stored, in constant
 * time: the token is hashed (so its length says nothing), and one
 * `timingSafeEqual` of two 32-byte buffers is made whatever was stored,
 * even nothing or something that is not a hash (which `timingSafeEqual`
 * would otherwise throw on, its buffers being of different lengths).
 *
 * @example
 * const { token, hash } = trackingToken();
 * tokenMatches(token, hash); // true
 * tokenMatches('guess', hash); // false
 * tokenMatches(token, undefined); // false
 */
export function tokenMatches(
  token: string,
  storedHash: string | undefined,
): boolean {
  const given = sha256(token);
  const stored =
    storedHash !== undefined && /^[0-9a-f]{64}$/i.test(storedHash)
      ? Buffer.from(storedHash, 'hex')
      : undefined;
  const equal = timingSafeEqual(given, stored ?? NO_HASH);
  return equal && stored !== undefined;
}
