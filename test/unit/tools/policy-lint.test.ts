import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  code2024,
  lintPolicy,
  liveWest2025,
  type Policy,
  presets,
} from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import { parsePolicyFile } from '../../../infra/tools/policy-file.js';
import { type LintIo, policyLint } from '../../../infra/tools/policy-lint.js';

/** Fake I/O: files from a map, output captured. */
function fakeIo(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: LintIo = {
    readFile: async (file) => {
      const text = files[file];
      if (text === undefined)
        throw new Error(`ENOENT: no such file, open '${file}'`);
      return text;
    },
    log: (line) => out.push(line),
    error: (line) => err.push(line),
  };
  return { io, out: () => out.join('\n'), err: () => err.join('\n') };
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe('policyLint', () => {
  it('reports no departures for the Code defaults and exits 0', async () => {
    const { io, out } = fakeIo();
    expect(await policyLint(['code-2024'], io)).toBe(0);
    expect(out()).toContain(
      'Complaint Handling Code 2024 defaults — Any member landlord',
    );
    expect(out()).toContain('Summary: no departures from the Code.');
  });

  it('prints each departure with its clause and the policy citation, and exits 1', async () => {
    // Act
    const { io, out } = fakeIo();
    const code = await policyLint(['livewest-2025'], io);

    // Assess
    expect(code).toBe(1);
    const text = out();
    expect(text).toContain(
      'Customer Compliments, Complaints and Feedback Policy — LiveWest (livewest-2025, version v4.3 (July 2025))',
    );
    expect(text).toContain('BREACH   2.3   time-limit');
    expect(text).toContain(
      'Policy: LiveWest Customer Compliments, Complaints and Feedback Policy (v4.3, July 2025), §5 Stage 2 ¶2: "In exceptional cases',
    );
    expect(text.indexOf('BREACH')).toBeLessThan(text.indexOf('GAP'));
    expect(text.indexOf('GAP')).toBeLessThan(text.indexOf('ADVISORY'));
    expect(text).toMatch(
      /Summary: 1 breach, 3 gaps, 5 advisories — the policy departs from the Code\.$/,
    );
  });

  it.each(presets.map((p) => [p.id] as const))(
    'prints the departures of %s as JSON',
    async (id) => {
      const { io, out } = fakeIo();
      await policyLint([id, '--json'], io);
      const policy = presets.find((p) => p.id === id) as Policy;
      expect(JSON.parse(out())).toEqual(lintPolicy(policy));
    },
  );

  it('lints a policy file, exiting 0 when only advisories remain', async () => {
    // Prepare
    const policy: Policy = {
      ...code2024,
      id: 'hearth-homes',
      exclusions: [
        ...code2024.exclusions,
        {
          code: 'insurance',
          label: 'Insurance claims',
          ground: 'other',
          cite: { source: 'Hearth Homes policy', ref: 'para 4' },
        },
      ],
    };
    const { io, out } = fakeIo({ 'policies/hearth.json': json(policy) });

    // Act
    const code = await policyLint(['policies/hearth.json'], io);

    // Assess
    expect(code).toBe(0);
    expect(out()).toContain('ADVISORY 2.2   exclusion-other');
    expect(out()).toContain('Policy: Hearth Homes policy, para 4');
    expect(out()).toMatch(
      /Summary: 0 breaches, 0 gaps, 1 advisory — no breach or gap\.$/,
    );
  });

  it('names the field when a policy file has the wrong shape, and exits 2', async () => {
    // Prepare
    const bad = {
      ...code2024,
      stage1: {
        ...code2024.stage1,
        acknowledge: { ...code2024.stage1.acknowledge, workingDays: 'five' },
      },
      colour: 'red',
    };
    const { io, out, err } = fakeIo({ 'bad.json': json(bad) });

    // Act
    const code = await policyLint(['bad.json'], io);

    // Assess
    expect(code).toBe(2);
    expect(out()).toBe('');
    expect(err()).toContain('bad.json is not a valid policy:');
    expect(err()).toContain(
      '  stage1.acknowledge.workingDays: Invalid input: expected number',
    );
    expect(err()).toContain('  (root): Unrecognized key: "colour"');
  });

  it('reports a policy file that breaks an invariant, and exits 2', async () => {
    const bad = {
      ...code2024,
      stage2: {
        ...code2024.stage2,
        respond: { ...code2024.stage2.respond, from: 'meeting' },
      },
    };
    const { io, err } = fakeIo({ 'bad.json': json(bad) });
    expect(await policyLint(['bad.json'], io)).toBe(2);
    expect(err()).toContain(
      'bad.json breaks a policy invariant: code-2024: stage2.respond.from: cannot count from "meeting"',
    );
  });

  it.each([
    [[], 'usage: npm run policy:lint'],
    [['code-2024', 'lhp-2022'], 'usage: npm run policy:lint'],
    [['--yaml', 'code-2024'], 'unknown option --yaml'],
    [['livv'], '"livv" is neither a preset id nor a .json file'],
    [['missing.json'], 'cannot read missing.json: ENOENT'],
    [
      ['broken.json'],
      'broken.json is not a valid policy:\n  (file): not valid JSON',
    ],
  ])('exits 2 for %o', async (args, message) => {
    const { io, err } = fakeIo({ 'broken.json': '{ "id": ' });
    expect(await policyLint(args, io)).toBe(2);
    expect(err()).toContain(message);
    expect(err()).toContain(`presets: ${presets.map((p) => p.id).join(', ')}`);
  });

  it('lets an unexpected error through rather than calling it a usage error', async () => {
    const io: LintIo = {
      readFile: async () => json(code2024),
      log: () => {
        throw new TypeError('stdout closed');
      },
      error: () => {},
    };
    await expect(policyLint(['code-2024'], io)).rejects.toThrow(
      'stdout closed',
    );
  });

  it('runs as `npm run policy:lint` does, with the exit code', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const run = spawnSync(
      path.join(root, 'node_modules/.bin/tsx'),
      ['infra/tools/policy-lint.ts', 'livin-leaflet'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('BREACH   5.2   informal-stage');
  }, 30_000);
});

describe('parsePolicyFile', () => {
  it.each(presets.map((p) => [p.id, p] as const))(
    'reads %s back from its JSON',
    (_, policy) => {
      expect(parsePolicyFile(json(policy))).toEqual({ ok: true, policy });
    },
  );

  it('names array positions and nested fields in its errors', () => {
    const bad = {
      ...liveWest2025,
      exclusions: [{ ...liveWest2025.exclusions[0], ground: 'too-old' }],
      stage2: {
        ...liveWest2025.stage2,
        extension: { ...liveWest2025.stage2.extension, maxWorkingDays: 2.5 },
      },
    };
    const result = parsePolicyFile(json(bad));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      expect.stringMatching(/^exclusions\[0\]\.ground: Invalid option/),
      expect.stringMatching(
        /^stage2\.extension\.maxWorkingDays: Invalid input: expected int/,
      ),
    ]);
  });

  it('rejects an explicitly undefined-like optional field and a non-object', () => {
    const withNullQuote = {
      ...code2024,
      source: { ...code2024.source, quote: null },
    };
    expect(parsePolicyFile(json(withNullQuote))).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^source\.quote: /)],
    });
    expect(parsePolicyFile('[1, 2]')).toMatchObject({
      ok: false,
      errors: [
        expect.stringMatching(/^\(root\): Invalid input: expected object/),
      ],
    });
  });
});
