import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../infra/local/s3/errors.js';
import {
  compareKeys,
  decodeContinuationToken,
  encodeContinuationToken,
  type ListRequest,
  listPage,
  sortKeys,
} from '../../../infra/local/s3/listing.js';

const KEYS = sortKeys(['a/1', 'a/2', 'a/b/3', 'b', 'c/1', 'c/2', 'd', 'e/1']);

/** Every entry of a listing, page by page, following the tokens. */
function allPages(
  keys: readonly string[],
  request: Omit<ListRequest, 'continuationToken'>,
) {
  const pages = [];
  let token: string | undefined;
  do {
    const page = listPage(keys, { ...request, continuationToken: token });
    pages.push(page);
    token = page.nextContinuationToken;
  } while (token !== undefined);
  return pages;
}

describe('sortKeys / compareKeys', () => {
  it('orders by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8,
    // though its UTF-16 unit is larger than the surrogate D83D.
    const keys = ['\u{1F600}', '\uFF21', 'a', 'B'];

    expect(sortKeys(keys)).toEqual(['B', 'a', '\uFF21', '\u{1F600}']);
    expect(compareKeys('\uFF21', '\u{1F600}')).toBeLessThan(0);
  });
});

describe('listPage', () => {
  it('lists everything under a prefix', () => {
    const page = listPage(KEYS, { prefix: 'c/', maxKeys: 1000 });

    expect(page).toEqual({
      keys: ['c/1', 'c/2'],
      commonPrefixes: [],
      isTruncated: false,
    });
  });

  it('rolls up keys at the delimiter after the prefix', () => {
    const top = listPage(KEYS, { prefix: '', delimiter: '/', maxKeys: 1000 });
    const inA = listPage(KEYS, { prefix: 'a/', delimiter: '/', maxKeys: 1000 });

    expect(top.keys).toEqual(['b', 'd']);
    expect(top.commonPrefixes).toEqual(['a/', 'c/', 'e/']);
    expect(inA.keys).toEqual(['a/1', 'a/2']);
    expect(inA.commonPrefixes).toEqual(['a/b/']);
  });

  it('pages keys with tokens and no overlap', () => {
    const pages = allPages(KEYS, { prefix: '', maxKeys: 3 });

    expect(pages.map((p) => p.keys)).toEqual([
      ['a/1', 'a/2', 'a/b/3'],
      ['b', 'c/1', 'c/2'],
      ['d', 'e/1'],
    ]);
    expect(pages.map((p) => p.isTruncated)).toEqual([true, true, false]);
  });

  it('is not truncated when the page ends exactly at the last entry', () => {
    const page = listPage(['k1', 'k2'], { prefix: '', maxKeys: 2 });

    expect(page.isTruncated).toBe(false);
    expect(page.nextContinuationToken).toBeUndefined();
  });

  it('counts a common prefix as one entry and never repeats it', () => {
    const pages = allPages(KEYS, { prefix: '', delimiter: '/', maxKeys: 1 });

    expect(pages.flatMap((p) => [...p.commonPrefixes, ...p.keys])).toEqual([
      'a/',
      'b',
      'c/',
      'd',
      'e/',
    ]);
  });

  it('starts after start-after, and ignores it when a token is given', () => {
    const after = listPage(KEYS, {
      prefix: '',
      maxKeys: 2,
      startAfter: 'b',
    });
    const next = listPage(KEYS, {
      prefix: '',
      maxKeys: 2,
      startAfter: 'b',
      continuationToken: after.nextContinuationToken,
    });

    expect(after.keys).toEqual(['c/1', 'c/2']);
    expect(next.keys).toEqual(['d', 'e/1']);
  });

  it('returns nothing, untruncated, for max-keys 0', () => {
    expect(listPage(KEYS, { prefix: '', maxKeys: 0 })).toEqual({
      keys: [],
      commonPrefixes: [],
      isTruncated: false,
    });
  });

  it('handles a multi-character delimiter', () => {
    const page = listPage(sortKeys(['x--1--a', 'x--1--b', 'x--2']), {
      prefix: 'x--',
      delimiter: '--',
      maxKeys: 1000,
    });

    expect(page.commonPrefixes).toEqual(['x--1--']);
    expect(page.keys).toEqual(['x--2']);
  });
});

describe('continuation tokens', () => {
  it('round-trips any marker', () => {
    const marker = 'caf\u00e9/\u{1F600}/../x y';

    expect(decodeContinuationToken(encodeContinuationToken(marker))).toBe(
      marker,
    );
  });

  it('refuses a token it did not issue with InvalidArgument', () => {
    for (const token of [
      '',
      'not base64!',
      Buffer.from('x').toString('base64url'),
    ]) {
      expect(() => decodeContinuationToken(token)).toThrow(S3Error);
      try {
        decodeContinuationToken(token);
      } catch (error) {
        expect((error as S3Error).code).toBe('InvalidArgument');
        expect((error as S3Error).status).toBe(400);
      }
    }
  });
});
