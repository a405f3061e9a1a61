import { describe, expect, it } from 'vitest';
import {
  type Citation,
  code2024,
  lhp2022,
  liveWest2025,
  livin2020,
  livinLeaflet,
  livv2018,
  type Policy,
  presetById,
  presets,
} from '../../../../domain/policy/index.js';

/** Every citation in a value, found by shape. */
function citations(value: unknown): Citation[] {
  if (value === null || typeof value !== 'object') return [];
  const found = 'source' in value && 'ref' in value ? [value as Citation] : [];
  return [...found, ...Object.values(value).flatMap(citations)];
}

const seeds: readonly Policy[] = [
  livv2018,
  livin2020,
  liveWest2025,
  livinLeaflet,
  lhp2022,
];

describe('presets', () => {
  it('lists the Code defaults first, then the five seed policies', () => {
    expect(presets.map((p) => p.id)).toEqual([
      'code-2024',
      'livv-2018',
      'livin-2020',
      'livewest-2025',
      'livin-leaflet',
      'lhp-2022',
    ]);
    expect(presets[0]).toBe(code2024);
  });

  it('finds a preset by id, and nothing for an unknown id', () => {
    expect(presetById('livewest-2025')).toBe(liveWest2025);
    expect(presetById('lhp-2022')?.landlord).toBe('LHP');
    expect(presetById('livv')).toBeUndefined();
  });

  it.each(seeds.map((p) => [p.id, p] as const))(
    'cites %s for every value, to its own source document',
    (_, policy) => {
      const cites = citations(policy);
      expect(cites.length).toBeGreaterThan(20);
      for (const c of cites) {
        expect(c.source).toBe(policy.source.source);
        expect(c.ref.trim()).not.toBe('');
      }
    },
  );

  it('keeps the rules the lifecycle cannot run natively as data', () => {
    // Livv: informal first contact, Fix in Five, a panel meeting, a
    // designated person and an eight-week wait, a 14-day auto-close.
    expect(livv2018.informalStage?.targetWorkingDays).toBeNull();
    expect(livv2018.stage1.earlyResolution?.workingDays).toBe(5);
    expect(livv2018.stage2.meeting).toMatchObject({ workingDays: 15 });
    expect(livv2018.stage2.respond.from).toBe('meeting');
    expect(livv2018.ombudsman).toMatchObject({
      designatedPerson: true,
      waitWeeks: 8,
    });
    expect(livv2018.closure.autoCloseAfterNoContact).toMatchObject({
      days: 14,
      unit: 'calendar-days',
    });
    // livin leaflet: informal 4 WD, updates every 10 WD
    expect(livinLeaflet.informalStage?.targetWorkingDays).toBe(4);
    expect(livinLeaflet.stage1.updateIntervalWorkingDays).toBe(10);
    // LiveWest: receipt within 24 hours, three contact attempts
    expect(liveWest2025.receiptConfirmation?.withinHours).toBe(24);
    expect(liveWest2025.contact.attempts).toBe(3);
  });

  it('marks the values a seed is silent on as the Code default', () => {
    expect(lhp2022.stage2.acknowledge).toMatchObject({
      workingDays: code2024.stage2.acknowledge.workingDays,
      from: 'receipt',
    });
    expect(lhp2022.stage2.acknowledge.cite.ref).toMatch(
      /^silent — Code default/,
    );
    expect(livin2020.stage2.respond.cite.ref).toMatch(/^silent — Code default/);
    expect(livinLeaflet.definition.cite.ref).toMatch(/^silent — Code default/);
  });
});
