import * as crypto from 'node:crypto';
import type { ComplaintState } from '@hearth/domain';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  TRACKING_TOKEN_BYTES,
  tokenMatches,
  trackingToken,
} from '../../../functions/shared/tracking-token.js';
import { TrackedComplaints } from '../../../functions/web/tracking.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);
beforeEach(() => {
  timingSafeEqual.mockClear();
});

const BASE64URL =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SAMPLES = 10_000;

describe('a tracking token', () => {
  const tokens = Array.from({ length: SAMPLES }, () => trackingToken());

  it(`is ${TRACKING_TOKEN_BYTES} random bytes: 22 base64url characters, at least 128 bits`, () => {
    expect(TRACKING_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    for (const { token } of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }
    // Each of the first 21 characters carries 6 bits (every one of the 64
    // symbols turns up there), the last 2 bits (4 symbols): 21 × 6 + 2.
    const symbolsAt = (i: number) => new Set(tokens.map((t) => t.token[i]));
    let bits = 0;
    for (let i = 0; i < 22; i++) bits += Math.log2(symbolsAt(i).size);
    for (let i = 0; i < 21; i++) {
      expect([...symbolsAt(i)].sort()).toEqual([...BASE64URL].sort());
    }
    expect(symbolsAt(21).size).toBe(4);
    expect(bits).toBeGreaterThanOrEqual(128);
  });

  it(`is never the same twice in ${SAMPLES.toLocaleString('en-GB')} tokens, nor is its hash`, () => {
    expect(new Set(tokens.map((t) => t.token)).size).toBe(SAMPLES);
    expect(new Set(tokens.map((t) => t.hash)).size).toBe(SAMPLES);
  });

  it('is stored only as its SHA-256, in hex', () => {
    const { token, hash } = tokens[0] ?? trackingToken();

    expect(hash).toBe(crypto.createHash('sha256').update(token).digest('hex'));
    expect(hash).not.toContain(token);
  });
});

describe('comparing a token with the stored hash', () => {
  const { token, hash } = trackingToken();
  const cases: readonly [string, string, string | undefined, boolean][] = [
    ['the right token', token, hash, true],
    ['the right token, hash in capitals', token, hash.toUpperCase(), true],
    ['another token', trackingToken().token, hash, false],
    ['the token less its last character', token.slice(0, -1), hash, false],
    ['an empty token', '', hash, false],
    ['a token of 100,000 characters', 'x'.repeat(100_000), hash, false],
    ['the hash itself, as if it were the token', hash, hash, false],
    ['nothing stored', token, undefined, false],
    ['a stored hash that is too short', token, hash.slice(0, 10), false],
    ['a stored hash that is too long', token, `${hash}00`, false],
    ['an empty stored hash', token, '', false],
    ['a stored hash that is not hex', token, 'z'.repeat(64), false],
  ];

  it.each(cases)(
    '%s: one timingSafeEqual of two 32-byte buffers, never a throw',
    (_, given, stored, expected) => {
      let result: boolean | undefined;
      expect(() => {
        result = tokenMatches(given, stored);
      }).not.toThrow();

      expect(result).toBe(expected);
      // No early exit: whatever the lengths, exactly one comparison, equal lengths.
      expect(timingSafeEqual).toHaveBeenCalledTimes(1);
      const [a, b] = timingSafeEqual.mock.calls[0] ?? [];
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).length).toBe(32);
    },
  );
});

describe('finding a tracked complaint', () => {
  const { token, hash } = trackingToken();
  const state = { reference: 'HTH-2026-000001' } as ComplaintState;
  const found = new TrackedComplaints({
    loadTracked: async (_org: string, reference: string) =>
      reference === 'HTH-2026-000001'
        ? { state, trackingTokenHash: hash }
        : reference === 'HTH-2026-000002'
          ? { state, trackingTokenHash: 'not-a-hash' }
          : undefined,
  });

  it.each([
    ['the right reference and token', 'HTH-2026-000001', token, state],
    [
      'the right reference, a wrong token',
      'HTH-2026-000001',
      trackingToken().token,
      undefined,
    ],
    ['an unknown reference', 'HTH-2026-999999', token, undefined],
    [
      'a reference whose stored hash is corrupt',
      'HTH-2026-000002',
      token,
      undefined,
    ],
    ['a malformed reference', '../../etc', token, undefined],
    ['a malformed token', 'HTH-2026-000001', `${token}!`, undefined],
  ] as const)(
    '%s: one constant-time comparison, the same for every miss',
    async (_, reference, given, expected) => {
      await expect(found.find('org', reference, given)).resolves.toBe(expected);

      expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    },
  );
});
