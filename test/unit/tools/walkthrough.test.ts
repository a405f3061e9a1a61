import { presets } from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import { walkthrough } from '../../../infra/tools/walkthrough.js';

describe('npm run walkthrough', () => {
  it.each(presets.map((p) => [p.id, p] as const))(
    'runs a whole two-stage life under %s with every letter passing the Code check',
    (_id, policy) => {
      const lines = walkthrough({
        policy,
        received: '2026-12-23',
        letters: false,
      });

      const letters = lines.filter((l) => l.includes('✉'));
      expect(letters.length).toBeGreaterThanOrEqual(5);
      expect(letters.filter((l) => l.includes('BLOCKED'))).toEqual([]);
      expect(lines.at(-1)).toMatch(/Closed$|due/);
      expect(lines.some((l) => l.endsWith('Closed'))).toBe(true);
    },
  );

  it('prints the letters in full when asked', () => {
    const [policy] = presets;
    if (policy === undefined) throw new Error('no presets');

    const lines = walkthrough({
      policy,
      received: '2026-12-23',
      letters: true,
    });

    expect(lines.join('\n')).toContain('Housing Ombudsman');
    // Acknowledged Thu 24 Dec 2026: 29, 30, 31 Dec, 4 … 8 Jan, 11 Jan (10).
    expect(lines.join('\n')).toMatch(/Monday 11 January 2027/);
  });
});
