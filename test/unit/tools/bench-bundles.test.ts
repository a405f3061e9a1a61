import { describe, expect, it } from 'vitest';
import {
  composition,
  contributorOf,
  describeComposition,
  esbuildOptionsFor,
  outcomeOf,
  tally,
} from '../../../bench/bundles.js';
import { bundlingOptions } from '../../../infra/constructs/bundling-options.js';

describe('the bench bundles as the CDK app does', () => {
  it('passes every CDK bundling option to esbuild, writing index.mjs for ESM', () => {
    const options = esbuildOptionsFor(
      bundlingOptions,
      'functions/intake/handler.ts',
      '/out/intake',
    );

    expect(options).toEqual({
      entryPoints: ['functions/intake/handler.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      outfile: '/out/intake/index.mjs',
      minify: true,
      sourcemap: true,
      external: [],
      banner: {
        js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
      mainFields: ['module', 'main'],
      metafile: true,
      logLevel: 'warning',
    });
  });

  it('follows a change to the shared options', () => {
    const options = esbuildOptionsFor(
      {
        ...bundlingOptions,
        format: 'cjs',
        minify: false,
        externalModules: ['@aws-sdk/*'],
      },
      'a.ts',
      '/out',
    );

    expect(options).toMatchObject({
      format: 'cjs',
      outfile: '/out/index.js',
      minify: false,
      external: ['@aws-sdk/*'],
    });
  });
});

describe('what a bundle is made of', () => {
  it.each([
    ['node_modules/zod/v4/core/schemas.js', 'zod'],
    ['node_modules/@smithy/core/dist-es/index.js', '@smithy/core'],
    [
      'node_modules/@aws-sdk/client-s3/node_modules/@smithy/util/dist/x.js',
      '@smithy/util',
    ],
    ['domain/reporting/tsm.ts', 'domain/reporting'],
    ['domain/index.ts', 'domain'],
    ['domain/calendar/uk-bank-holidays.json', 'domain/calendar'],
    ['functions/shared/report/html.ts', 'functions/shared/report'],
    ['functions/shared/staff.ts', 'functions/shared/staff'],
    ['functions/intake/receive.ts', 'functions/intake'],
    ['bench/floor/handler.ts', 'bench'],
    ['<runtime>', '<runtime>'],
  ])('puts %s under %s', (input, contributor) => {
    expect(contributorOf(input)).toBe(contributor);
  });

  it('sums bytes by contributor, largest first, leaving out what was shaken away', () => {
    const contributors = composition({
      'node_modules/zod/a.js': { bytesInOutput: 3000 },
      'node_modules/zod/b.js': { bytesInOutput: 2000 },
      'domain/complaint/decide.ts': { bytesInOutput: 4000 },
      'domain/complaint/model.ts': { bytesInOutput: 0 },
      'functions/intake/handler.ts': { bytesInOutput: 500 },
    });

    expect(contributors).toEqual([
      { name: 'zod', bytes: 5000 },
      { name: 'domain/complaint', bytes: 4000 },
      { name: 'functions/intake', bytes: 500 },
    ]);
  });

  it('names the top contributors in KB', () => {
    const text = describeComposition(
      [
        { name: 'zod', bytes: 99 * 1024 },
        { name: '@smithy/core', bytes: 131 * 1024 + 600 },
        { name: 'qs', bytes: 10 },
      ],
      2,
    );

    expect(text).toBe('zod 99 KB · @smithy/core 132 KB');
  });
});

describe('a cold start in a word', () => {
  it('is the HTTP status, the batch failures or the error', () => {
    expect(outcomeOf({ result: { statusCode: 201, body: '{}' } })).toBe('201');
    expect(outcomeOf({ result: { batchItemFailures: [] } })).toBe('ok');
    expect(
      outcomeOf({ result: { batchItemFailures: [{ itemIdentifier: '1' }] } }),
    ).toBe('1 record(s) failed');
    expect(outcomeOf({ result: null })).toBe('ok');
    expect(outcomeOf({ error: 'Error: boom\n    at x' })).toBe(
      'threw Error: boom',
    );
  });

  it('tallies the rounds', () => {
    expect(tally(['200', '200', '404', '200'])).toBe('200 ×3, 404 ×1');
  });
});
