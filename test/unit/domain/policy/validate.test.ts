import { describe, expect, it } from 'vitest';
import { InvalidPolicyError } from '../../../../domain/errors.js';
import {
  type Citation,
  type Clock,
  code2024,
  type Policy,
  presets,
  type StagePolicy,
  validatePolicy,
} from '../../../../domain/policy/index.js';

const cite: Citation = { source: 'test', ref: 'n/a' };

const withStage = (n: 1 | 2, patch: Partial<StagePolicy>): Policy => {
  const key = n === 1 ? 'stage1' : 'stage2';
  return { ...code2024, [key]: { ...code2024[key], ...patch } };
};

const clock = (workingDays: number, from: Clock['from']): Clock => ({
  workingDays,
  from,
  cite,
});

/** The message validatePolicy throws for `policy`. */
const problem = (policy: Policy): string => {
  try {
    validatePolicy(policy);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPolicyError);
    return (error as InvalidPolicyError).message;
  }
  throw new Error('expected validatePolicy to throw');
};

describe('validatePolicy', () => {
  it.each(presets.map((p) => [p.id, p] as const))(
    'accepts the %s preset',
    (_, p) => {
      expect(() => validatePolicy(p)).not.toThrow();
    },
  );

  it('throws an InvalidPolicyError naming the policy and the field', () => {
    // Prepare
    const policy = withStage(1, { acknowledge: clock(0, 'receipt') });

    // Act
    let thrown: unknown;
    try {
      validatePolicy(policy);
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(InvalidPolicyError);
    expect(thrown).toMatchObject({
      code: 'POLICY.INVALID',
      policyId: 'code-2024',
    });
    expect((thrown as Error).message).toBe(
      'code-2024: stage1.acknowledge.workingDays: must be a positive whole number (got 0)',
    );
  });

  it('lists every problem at once', () => {
    const message = problem({ ...code2024, title: '', version: ' ' });
    expect(message).toBe(
      'code-2024: version: must not be empty; title: must not be empty',
    );
  });

  describe('clocks', () => {
    it.each([
      ['zero', 0],
      ['negative', -1],
      ['fractional', 2.5],
    ])('rejects a %s number of working days', (_, days) => {
      expect(
        problem(withStage(2, { respond: clock(days, 'acknowledgement') })),
      ).toContain(
        'stage2.respond.workingDays: must be a positive whole number',
      );
    });

    it.each([
      [1, 'acknowledge', clock(5, 'acknowledgement')],
      [1, 'acknowledge', clock(5, 'meeting')],
      [2, 'acknowledge', clock(5, 'original-complaint')],
      [2, 'respond', clock(20, 'original-complaint')],
      [1, 'respond', clock(10, 'meeting')],
      [1, 'earlyResolution', clock(5, 'meeting')],
    ] as const)('rejects a stage %i %s counted from %o', (n, name, c) => {
      expect(problem(withStage(n, { [name]: c }))).toContain(
        `stage${n}.${name}.from: cannot count from "${c.from}"`,
      );
    });

    it('rejects a meeting counted from the meeting', () => {
      expect(
        problem(
          withStage(2, {
            meeting: clock(15, 'meeting'),
            respond: clock(10, 'meeting'),
          }),
        ),
      ).toBe(
        'code-2024: stage2.meeting.from: cannot count from "meeting" (allowed: receipt, acknowledgement)',
      );
    });

    it('accepts clocks counted from a meeting the stage has', () => {
      const policy = withStage(2, {
        meeting: clock(15, 'acknowledgement'),
        respond: clock(10, 'meeting'),
        earlyResolution: clock(2, 'meeting'),
      });
      expect(() => validatePolicy(policy)).not.toThrow();
    });

    it('accepts stage 1 clocks counted from the original complaint', () => {
      const policy = withStage(1, {
        acknowledge: clock(5, 'original-complaint'),
        respond: clock(10, 'original-complaint'),
      });
      expect(() => validatePolicy(policy)).not.toThrow();
    });

    it.each([
      [
        -1,
        'must be a whole number of working days, 0 or more, or null (got -1)',
      ],
      [
        1.5,
        'must be a whole number of working days, 0 or more, or null (got 1.5)',
      ],
    ])('rejects an extension cap of %s', (cap, message) => {
      expect(
        problem(
          withStage(1, {
            extension: { ...code2024.stage1.extension, maxWorkingDays: cap },
          }),
        ),
      ).toContain(`stage1.extension.maxWorkingDays: ${message}`);
    });

    it('accepts an extension cap of 0 (no extension) or none', () => {
      for (const cap of [0, null]) {
        const policy = withStage(1, {
          extension: { ...code2024.stage1.extension, maxWorkingDays: cap },
        });
        expect(() => validatePolicy(policy)).not.toThrow();
      }
    });
  });

  describe('codes', () => {
    const exclusion = code2024.exclusions[0] as Policy['exclusions'][number];
    const ground = code2024.escalation
      .refusalGrounds[0] as Policy['escalation']['refusalGrounds'][number];

    it('rejects two exclusions with one code', () => {
      expect(
        problem({
          ...code2024,
          exclusions: [...code2024.exclusions, exclusion],
        }),
      ).toContain(
        'exclusions.code: "outside-time-limit" appears more than once',
      );
    });

    it('rejects two refusal grounds with one code', () => {
      expect(
        problem({
          ...code2024,
          escalation: {
            ...code2024.escalation,
            refusalGrounds: [...code2024.escalation.refusalGrounds, ground],
          },
        }),
      ).toContain(
        'escalation.refusalGrounds.code: "outside-time-limit" appears more than once',
      );
    });

    it('rejects codes that are not kebab-case', () => {
      const message = problem({
        ...code2024,
        id: 'Code 2024',
        exclusions: [{ ...exclusion, code: 'Out_of_time' }],
        escalation: {
          ...code2024.escalation,
          refusalGrounds: [{ ...ground, code: 'x y', exclusion: null }],
        },
      });
      expect(message).toContain('id: "Code 2024" is not a kebab-case code');
      expect(message).toContain(
        'exclusions[0].code: "Out_of_time" is not a kebab-case code',
      );
      expect(message).toContain(
        'escalation.refusalGrounds[0].code: "x y" is not a kebab-case code',
      );
    });

    it('rejects a refusal ground resting on an exclusion the policy does not have', () => {
      expect(
        problem({
          ...code2024,
          exclusions: code2024.exclusions.filter(
            (e) => e.ground !== 'legal-proceedings',
          ),
        }),
      ).toContain(
        'escalation.refusalGrounds[1].exclusion: rests on "legal-proceedings", but no exclusion in the policy has that ground',
      );
    });
  });

  describe('other values', () => {
    const window = { days: 0, unit: 'calendar-days', cite } as const;
    it.each<[string, Policy]>([
      [
        'timeLimit.months',
        { ...code2024, timeLimit: { ...code2024.timeLimit, months: 0 } },
      ],
      [
        'escalation.window.days',
        { ...code2024, escalation: { ...code2024.escalation, window } },
      ],
      [
        'closure.autoCloseAfterNoContact.days',
        {
          ...code2024,
          closure: { ...code2024.closure, autoCloseAfterNoContact: window },
        },
      ],
      [
        'contact.attempts',
        { ...code2024, contact: { ...code2024.contact, attempts: 0 } },
      ],
      [
        'contact.updateIntervalWorkingDays',
        {
          ...code2024,
          contact: { ...code2024.contact, updateIntervalWorkingDays: -5 },
        },
      ],
      [
        'ombudsman.evidenceWorkingDays',
        {
          ...code2024,
          ombudsman: { ...code2024.ombudsman, evidenceWorkingDays: 0 },
        },
      ],
      [
        'ombudsman.waitWeeks',
        { ...code2024, ombudsman: { ...code2024.ombudsman, waitWeeks: 0 } },
      ],
      [
        'governance.boardReportingMonths',
        {
          ...code2024,
          governance: { ...code2024.governance, boardReportingMonths: 0 },
        },
      ],
      [
        'receiptConfirmation.withinHours',
        { ...code2024, receiptConfirmation: { withinHours: 0, cite } },
      ],
      [
        'informalStage.targetWorkingDays',
        {
          ...code2024,
          informalStage: {
            name: 'Informal',
            targetWorkingDays: 0,
            description: '',
            cite,
          },
        },
      ],
      [
        'stage2.updateIntervalWorkingDays',
        withStage(2, { updateIntervalWorkingDays: 0 }),
      ],
    ])('rejects a %s that is not a positive whole number', (field, policy) => {
      expect(problem(policy)).toContain(
        `${field}: must be a positive whole number`,
      );
    });

    it.each<[string, Policy]>([
      ['definition.text', { ...code2024, definition: { text: '', cite } }],
      ['landlord', { ...code2024, landlord: ' ' }],
      [
        'timeLimit.exceptions[0]',
        { ...code2024, timeLimit: { ...code2024.timeLimit, exceptions: [''] } },
      ],
      [
        'exclusions[2].label',
        {
          ...code2024,
          exclusions: code2024.exclusions.map((e, i) =>
            i === 2 ? { ...e, label: '' } : e,
          ),
        },
      ],
      [
        'escalation.refusalGrounds[0].label',
        {
          ...code2024,
          escalation: {
            ...code2024.escalation,
            refusalGrounds: code2024.escalation.refusalGrounds.map((g, i) =>
              i === 0 ? { ...g, label: '' } : g,
            ),
          },
        },
      ],
      [
        'informalStage.name',
        {
          ...code2024,
          informalStage: {
            name: '',
            targetWorkingDays: null,
            description: '',
            cite,
          },
        },
      ],
      ['stage1.name', withStage(1, { name: '' })],
      [
        'stage2.handler.description',
        withStage(2, {
          handler: { ...code2024.stage2.handler, description: '' },
        }),
      ],
    ])('rejects an empty %s', (field, policy) => {
      expect(problem(policy)).toContain(`${field}: must not be empty`);
    });

    it('rejects closure days that are not dates, or repeated', () => {
      const message = problem({
        ...code2024,
        closureDays: ['2026-12-24', '2026-02-30', '2026-12-24'],
      });
      expect(message).toContain(
        'closureDays[1]: "2026-02-30" is not a YYYY-MM-DD date',
      );
      expect(message).toContain(
        'closureDays: "2026-12-24" appears more than once',
      );
    });

    it('rejects no channels, or a channel twice', () => {
      expect(problem({ ...code2024, channels: [] })).toContain(
        'channels: must list at least one channel',
      );
      expect(problem({ ...code2024, channels: ['web', 'web'] })).toContain(
        'channels: "web" appears more than once',
      );
    });
  });

  describe('citations', () => {
    const blank: Citation = { source: ' ', ref: '' };

    it('rejects an empty source or ref anywhere in the policy', () => {
      // Prepare
      const policy: Policy = {
        ...code2024,
        informalStage: {
          name: 'Informal',
          targetWorkingDays: null,
          description: '',
          cite: blank,
        },
        receiptConfirmation: { withinHours: 24, cite: blank },
        stage2: {
          ...code2024.stage2,
          meeting: clock(5, 'receipt'),
          earlyResolution: { workingDays: 2, from: 'receipt', cite: blank },
        },
        escalation: {
          ...code2024.escalation,
          window: { days: 28, unit: 'calendar-days', cite: blank },
        },
        closure: {
          autoCloseAfterNoContact: {
            days: 14,
            unit: 'calendar-days',
            cite: blank,
          },
          cite,
        },
        governance: { ...code2024.governance, cite: blank },
      };

      // Act
      const message = problem(policy);

      // Assess
      for (const field of [
        'informalStage.cite',
        'receiptConfirmation.cite',
        'stage2.earlyResolution.cite',
        'escalation.window.cite',
        'closure.autoCloseAfterNoContact.cite',
        'governance.cite',
      ]) {
        expect(message).toContain(`${field}.source: must not be empty`);
        expect(message).toContain(`${field}.ref: must not be empty`);
      }
      expect(message).not.toContain('stage2.meeting.cite');
    });
  });
});
