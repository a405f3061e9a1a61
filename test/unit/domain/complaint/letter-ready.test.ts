/**
 * A command whose letter could not be sent is refused when it is made, so
 * staff are never told "sent" while the letter waits, blocked, for what
 * the Code requires it to say.
 */
import { describe, expect, it } from 'vitest';
import { code2024 } from '../../../../domain/index.js';
import {
  at,
  boilerApology,
  boilerDecisions,
  boilerDefinition,
  harness,
  receiveCommand,
  resident,
} from '../support/harness.js';

function acknowledged() {
  const h = harness(code2024);
  h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);
  h.do(
    { type: 'acknowledge', stage: 1, definition: boilerDefinition },
    at('2026-11-03'),
  );
  return h;
}

const rejection = (result: ReturnType<ReturnType<typeof harness>['try']>) =>
  result.ok ? undefined : result.rejection;

describe('the acknowledgment says what outcome the resident wants (Code 5.6)', () => {
  it('is refused without one, naming the field', () => {
    const h = harness(code2024);
    h.do(receiveCommand(at('2026-11-02')), at('2026-11-02'), resident);

    const result = h.try(
      {
        type: 'acknowledge',
        stage: 1,
        definition: { ...boilerDefinition, outcomesSought: ['  '] },
      },
      at('2026-11-03'),
    );

    expect(rejection(result)).toMatchObject({
      code: 'DEFINITION.NO_OUTCOME',
      field: 'definition.outcomesSought',
    });
  });
});

describe('the response says what will be put right, and by when', () => {
  const respond = { type: 'respond', stage: 1, summary: 'Our answer' } as const;

  it('refuses a remedy with no date, unless the letter itself gives it (7.3)', () => {
    const h = acknowledged();

    const undated = h.try(
      {
        ...respond,
        decisions: boilerDecisions,
        remedies: [
          boilerApology,
          {
            kind: 'financial',
            description: 'For the delay',
            amountPence: 8000,
          },
        ],
      },
      at('2026-11-10'),
    );
    const apologyOnly = h.try(
      { ...respond, decisions: boilerDecisions, remedies: [boilerApology] },
      at('2026-11-10'),
    );

    expect(rejection(undated)).toMatchObject({
      code: 'REMEDY.DUE_REQUIRED',
      field: 'remedies.1.dueOn',
    });
    expect(apologyOnly.ok).toBe(true);
  });

  it('refuses an outstanding action with no due date (6.6)', () => {
    const result = acknowledged().try(
      {
        ...respond,
        decisions: boilerDecisions,
        remedies: [boilerApology],
        actions: [{ description: 'Replace the boiler' }],
      },
      at('2026-11-10'),
    );

    expect(rejection(result)).toMatchObject({
      code: 'ACTION.DUE_REQUIRED',
      field: 'actions.0.dueOn',
    });
  });

  it('refuses an upheld answer that puts nothing right, and takes a not-upheld one without (7.1)', () => {
    const h = acknowledged();

    const upheld = h.try(
      { ...respond, decisions: boilerDecisions },
      at('2026-11-10'),
    );
    const notUpheld = h.try(
      {
        ...respond,
        decisions: boilerDecisions.map((d) => ({
          ...d,
          decision: 'not-upheld' as const,
        })),
      },
      at('2026-11-10'),
    );

    expect(rejection(upheld)).toMatchObject({
      code: 'RESPONSE.NO_REMEDY',
      field: 'remedies',
    });
    expect(notUpheld.ok).toBe(true);
  });
});
