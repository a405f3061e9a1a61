import { describe, expect, it } from 'vitest';
import {
  type ComplaintState,
  caseEndedOn,
  code2024,
  presets,
  type RetentionRule,
  retentionCutoffMonth,
  retentionEndsOn,
  retentionVerdict,
  validatePolicy,
} from '../../../../domain/index.js';
import { fullCase } from './full-case.js';

const sixYears: RetentionRule = code2024.retention;
const closed = fullCase().state; // closed on Mon 21 Jul 2025

describe('the retention period', () => {
  it('is six years after the case ended, in every preset, cited as the landlord’s choice and unverified', () => {
    for (const policy of presets) {
      expect(policy.retention.closedCaseYears, policy.id).toBe(6);
      expect(policy.retention.citation.ref, policy.id).toMatch(/\(U\)/);
      expect(policy.retention.citation.ref, policy.id).toMatch(
        /Code.*no period/,
      );
    }
  });

  it('is checked: a period of no whole years is refused, naming the field', () => {
    expect(() =>
      validatePolicy({
        ...code2024,
        retention: { ...code2024.retention, closedCaseYears: 0 },
      }),
    ).toThrow(/retention\.closedCaseYears/);
    expect(() =>
      validatePolicy({
        ...code2024,
        retention: {
          closedCaseYears: 6,
          citation: { source: '', ref: 'x' },
        },
      }),
    ).toThrow(/retention\.citation\.source/);
  });

  it('ends on the same date years later, 29 February on the 28th', () => {
    expect(retentionEndsOn('2025-07-21', sixYears)).toBe('2031-07-21');
    expect(retentionEndsOn('2020-02-29', sixYears)).toBe('2026-02-28');
    expect(
      retentionEndsOn('2019-12-31', { ...sixYears, closedCaseYears: 1 }),
    ).toBe('2020-12-31');
  });

  it('bounds the months a run reads at the month six years back', () => {
    expect(retentionCutoffMonth('2031-07-21', sixYears)).toBe('2025-07');
    expect(retentionCutoffMonth('2026-03-01', sixYears)).toBe('2020-03');
  });
});

describe('caseEndedOn', () => {
  const as = (patch: Partial<ComplaintState>): ComplaintState => ({
    ...closed,
    ...patch,
  });

  it('is the day of the final status, and none while open', () => {
    expect(caseEndedOn(closed)).toBe('2025-07-21');
    expect(
      caseEndedOn(
        as({
          status: 'withdrawn',
          withdrawal: { reason: '', on: '2025-07-01' },
        }),
      ),
    ).toBe('2025-07-01');
    expect(
      caseEndedOn(
        as({
          status: 'declined',
          declination: {
            exclusionCode: 'legal-proceedings',
            reasons: '',
            on: '2025-06-09',
          },
        }),
      ),
    ).toBe('2025-06-09');
    expect(
      caseEndedOn(
        as({
          status: 'escalation-refused',
          escalationRefusal: {
            groundCode: 'previously-considered',
            reasons: '',
            on: '2025-07-02',
          },
        }),
      ),
    ).toBe('2025-07-02');
    expect(caseEndedOn(as({ status: 'stage2-responded' }))).toBeUndefined();
  });
});

describe('retentionVerdict', () => {
  it('is due on the day the period ends, not the day before', () => {
    expect(retentionVerdict(closed, sixYears, '2031-07-20')).toEqual({
      due: false,
      why: 'within-period',
    });
    expect(retentionVerdict(closed, sixYears, '2031-07-21')).toEqual({
      due: true,
      endedOn: '2025-07-21',
    });
  });

  it('keeps an open case, an anonymised one, and one the Ombudsman awaits evidence on', () => {
    expect(
      retentionVerdict(
        { ...closed, status: 'stage1-received' },
        sixYears,
        '2040-01-01',
      ),
    ).toEqual({ due: false, why: 'open' });
    expect(
      retentionVerdict(
        { ...closed, anonymisedOn: '2031-07-21' },
        sixYears,
        '2040-01-01',
      ),
    ).toEqual({ due: false, why: 'anonymised' });
    expect(
      retentionVerdict(
        {
          ...closed,
          evidenceRequests: [
            {
              id: 'e1',
              receivedOn: '2031-06-01',
              dueOn: '2031-06-22',
              description: '',
            },
          ],
        },
        sixYears,
        '2040-01-01',
      ),
    ).toEqual({ due: false, why: 'evidence-outstanding' });
  });
});
