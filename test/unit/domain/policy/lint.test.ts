import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Citation,
  type ClockStart,
  code2024,
  type Departure,
  lhp2022,
  lintPolicy,
  liveWest2025,
  livin2020,
  livinLeaflet,
  livv2018,
  type Policy,
  type StagePolicy,
} from '../../../../domain/policy/index.js';

const cite: Citation = { source: 'test', ref: 'n/a' };

/** `clause severity rule` per departure, sorted, for exact comparison. */
const summary = (departures: readonly Departure[]): string[] =>
  departures.map((d) => `${d.clause} ${d.severity} ${d.rule}`).sort();

const expected = (...rows: [string, string, string][]): string[] =>
  rows
    .map(([clause, severity, rule]) => `${clause} ${severity} ${rule}`)
    .sort();

const withStage = (n: 1 | 2, patch: Partial<StagePolicy>): Policy => {
  const key = n === 1 ? 'stage1' : 'stage2';
  return { ...code2024, [key]: { ...code2024[key], ...patch } };
};

const extension = (n: 1 | 2, patch: Partial<StagePolicy['extension']>) =>
  withStage(n, {
    extension: {
      ...(n === 1 ? code2024.stage1 : code2024.stage2).extension,
      ...patch,
    },
  });

/** The one departure a single-field change to the Code defaults causes. */
const only = (policy: Policy): Departure => {
  const departures = lintPolicy(policy);
  expect(departures).toHaveLength(1);
  return departures[0] as Departure;
};

describe('lintPolicy: the Code defaults', () => {
  it('finds no departure in the code-2024 preset', () => {
    expect(lintPolicy(code2024)).toEqual([]);
  });

  it('does not report settings stricter than the Code', () => {
    // Prepare
    const strict: Policy = {
      ...code2024,
      timeLimit: { ...code2024.timeLimit, months: 24 },
      stage1: {
        ...code2024.stage1,
        acknowledge: { ...code2024.stage1.acknowledge, workingDays: 2 },
        respond: { ...code2024.stage1.respond, workingDays: 5 },
        extension: { ...code2024.stage1.extension, maxWorkingDays: 0 },
        handler: { ...code2024.stage1.handler, mustDifferFromStage1: true },
      },
      stage2: {
        ...code2024.stage2,
        respond: { workingDays: 15, from: 'receipt', cite },
        extension: { ...code2024.stage2.extension, maxWorkingDays: 10 },
      },
      escalation: {
        ...code2024.escalation,
        window: { days: 90, unit: 'calendar-days', cite },
      },
      contact: { ...code2024.contact, attempts: 5 },
      governance: { ...code2024.governance, boardReportingMonths: 1 },
    };

    // Act + Assess
    expect(lintPolicy(strict)).toEqual([]);
  });

  it('never reports the Ombudsman evidence period (REGULATION item 70 is U)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), (days) => {
        const policy: Policy = {
          ...code2024,
          ombudsman: { ...code2024.ombudsman, evidenceWorkingDays: days },
        };
        expect(lintPolicy(policy)).toEqual([]);
      }),
    );
  });
});

describe('lintPolicy: the seed policies', () => {
  it('livv-2018 (shared/seeds/000)', () => {
    expect(summary(lintPolicy(livv2018))).toEqual(
      expected(
        // §3 ¶1 "an expression of dissatisfaction with a standard of service … where a response is required"
        ['1.2', 'breach', 'definition'],
        // §3 list: MP/Councillor enquiries, rent arrears pursuance, contractual
        // disputes, rent/service charge disputes, Government policy, property
        // access, home contents insurance (first reports and requests are
        // service requests; legal action, the complaints process and
        // Ombudsman determinations are the Code's own examples)
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        // §3 "incidents that occurred over 12 months ago"; v5 note "we do not
        // accept complaints older than 12 months": no awareness, no discretion
        ['2.3', 'breach', 'time-limit'],
        // §3 ¶4 "handle all expressions of dissatisfaction at first point of contact and informally"
        ['5.2', 'breach', 'informal-stage'],
        // §7 designated person, or "wait eight weeks"
        ['5.3', 'breach', 'ombudsman-direct-access'],
        // Fix in Five ¶5 "may be refused if we can demonstrate that they have followed policy"
        ['5.11', 'gap', 'escalation-refusal-ground'],
        // §13: restrictions with reasons given, never reviewed
        ['5.14', 'gap', 'restrictions'],
        // §5 Stage 1 ¶2 "a total of 15 working days"
        ['6.3', 'breach', 'stage1-response'],
        // Fix in Five ¶2 "If the response is likely to take longer than 15 days the customer will be advised": no cap
        ['6.4', 'gap', 'stage1-extension-cap'],
        // … and no Ombudsman details with that notice
        ['6.5', 'gap', 'stage1-extension-ombudsman-details'],
        // Fix in Five ¶4 "only be considered if … specific reasons … or … additional information"
        ['6.12', 'breach', 'escalation-reasons'],
        // §5 Stage 2 ¶3: the panel includes "a service manager"; nothing keeps the stage 1 manager off it
        ['6.13', 'gap', 'stage2-handler'],
        // §5 Stage 2 ¶2 and ¶7: meeting within 15 WD, outcome 10 WD after it
        ['6.14', 'breach', 'stage2-response'],
        // §5 Stage 2 ¶2 "or at the soonest mutually convenient time": no cap,
        // no notice, no Ombudsman details
        ['6.15', 'gap', 'stage2-extension-cap'],
        ['6.16', 'gap', 'stage2-extension-notice'],
        ['6.16', 'gap', 'stage2-extension-ombudsman-details'],
        // §16, §18: no Member Responsible for Complaints, Board reports with no interval
        ['9.5', 'gap', 'member-responsible'],
        ['9.7', 'gap', 'board-reporting'],
      ),
    );
  });

  it('livin-2020 (shared/seeds/001)', () => {
    expect(summary(lintPolicy(livin2020))).toEqual(
      expected(
        // §1: the 2020 Code's definition, "affecting an individual resident"
        ['1.2', 'breach', 'definition'],
        // §1 exclusions: alternative right of appeal or redress; neighbour or
        // ASB complaints; financial advice; Durham Key Options lettings
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        // §1 "more than six months before contacting Living", "will not consider"
        ['2.3', 'breach', 'time-limit'],
        // §3 "95.2% Informal/ 4.8% stage 1 (2019/20)"
        ['5.2', 'breach', 'informal-stage'],
        // §3 "No – designated person or HOS"
        ['5.3', 'breach', 'ombudsman-direct-access'],
        // §6 refusal: "Upheld at Stage 1 and compensation offered."
        ['5.11', 'gap', 'escalation-refusal-ground'],
        // §6 "did not provide any evidence that policy had not been followed … or any new evidence"
        ['6.12', 'breach', 'escalation-reasons'],
        // The form asks nothing about stage 2 timescales: Code defaults, unstated
        ['6.11', 'gap', 'not-stated'],
        ['6.14', 'gap', 'not-stated'],
      ),
    );
  });

  it('livewest-2025 (shared/seeds/002)', () => {
    expect(summary(lintPolicy(liveWest2025))).toEqual(
      expected(
        // §2 exclusions: no responsibility; liability/injury claims; serious
        // colleague complaints; resident about resident; existing appeals
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        // §2 "issues where more than 12 months has passed": no awareness limb
        ['2.3', 'breach', 'time-limit'],
        // §5 Stage 2 ¶2 "preferred outcome is not permissible due to regulatory, statutory, or legal reasons"
        ['5.11', 'gap', 'escalation-refusal-ground'],
        // §5 Stage 1 ¶3 and Stage 2 ¶4: extension notices without the
        // Ombudsman's details (§13 signposts only in acknowledgement letters)
        ['6.5', 'gap', 'stage1-extension-ombudsman-details'],
        ['6.16', 'gap', 'stage2-extension-ombudsman-details'],
      ),
    );
  });

  it('livin-leaflet (shared/seeds/003)', () => {
    expect(summary(lintPolicy(livinLeaflet))).toEqual(
      expected(
        // The leaflet lists only what is not a complaint: no definition
        ['1.2', 'gap', 'not-stated'],
        // "What is not a complaint?": right of appeal or redress; ASB
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        // "Anonymous complaints": "We reserve the right not to investigate"
        ['2.2', 'advisory', 'anonymous-declined'],
        // "more than six months before contacting livin"
        ['2.3', 'breach', 'time-limit'],
        // "Informal … within 4 working days"
        ['5.2', 'breach', 'informal-stage'],
        // "Designated person"; "you must wait for a period of eight weeks"
        ['5.3', 'breach', 'ombudsman-direct-access'],
        // "We will not escalate your complaint if you simply do not agree with the stage 1 decision."
        ['5.11', 'gap', 'escalation-refusal-ground'],
        // Stage 1: "update you in writing every 10 working days": no cap, no Ombudsman details
        ['6.4', 'gap', 'stage1-extension-cap'],
        ['6.5', 'gap', 'stage1-extension-ombudsman-details'],
        // Stage 2: "will review your request within 10 working days"
        ['6.11', 'breach', 'stage2-acknowledgement'],
        // Stage 2: "We will ask you why you think that your complaint has not been handled in accordance with procedure"
        ['6.12', 'breach', 'escalation-reasons'],
        // Stage 2: updates every 10 working days, no cap, no Ombudsman details
        ['6.15', 'gap', 'stage2-extension-cap'],
        ['6.16', 'gap', 'stage2-extension-ombudsman-details'],
      ),
    );
  });

  it('lhp-2022 (shared/seeds/004)', () => {
    expect(summary(lintPolicy(lhp2022))).toEqual(
      expected(
        // para 10 "by LHP, its colleagues … affecting an individual resident or customer"
        ['1.2', 'breach', 'definition'],
        // para 13: insurance liability; compensation claims
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
        // para 13 "we reserve the right not to investigate" anonymous complaints
        ['2.2', 'advisory', 'anonymous-declined'],
        // para 13 "occurred over six months ago"
        ['2.3', 'breach', 'time-limit'],
        // para 29: refused to engage; not within LHP's power; basis changed;
        // refusal to accept documented evidence
        ['5.11', 'gap', 'escalation-refusal-ground'],
        ['5.11', 'gap', 'escalation-refusal-ground'],
        ['5.11', 'gap', 'escalation-refusal-ground'],
        ['5.11', 'gap', 'escalation-refusal-ground'],
        // para 27 "who will undertake the review": not required to differ
        ['6.13', 'gap', 'stage2-handler'],
        // paras 20–21 state no stage 2 acknowledgement
        ['6.11', 'gap', 'not-stated'],
        // paras 3, 68: Board reports with no interval, no MRC
        ['9.5', 'gap', 'member-responsible'],
        ['9.7', 'gap', 'board-reporting'],
      ),
    );
  });

  it('orders departures by clause and cites the policy for each', () => {
    for (const policy of [
      livv2018,
      livin2020,
      liveWest2025,
      livinLeaflet,
      lhp2022,
    ]) {
      const departures = lintPolicy(policy);
      const clauses = departures.map((d) => d.clause.split('.').map(Number));
      for (let i = 1; i < clauses.length; i += 1) {
        const [a1 = 0, a2 = 0] = clauses[i - 1] ?? [];
        const [b1 = 0, b2 = 0] = clauses[i] ?? [];
        expect(a1 * 100 + a2).toBeLessThanOrEqual(b1 * 100 + b2);
      }
      for (const d of departures) {
        expect(d.evidence?.source).toBe(policy.source.source);
        expect(d.explanation).not.toMatch(/undefined|null|\n/);
      }
    }
  });
});

describe('lintPolicy: definition (1.2)', () => {
  const define = (text: string, landlord = 'Hearth Homes'): Policy => ({
    ...code2024,
    landlord,
    definition: { text, cite },
  });

  it.each([
    [
      'the landlord named',
      'An expression of dissatisfaction, however made, about the standard of service, actions or lack of action by Hearth Homes, its own staff, or those acting on its behalf, affecting a resident or group of residents.',
    ],
    [
      'we and our',
      'an expression of dissatisfaction however made about the standard of service, actions or lack of action by us, our own staff, or those acting on our behalf, affecting a resident or group of residents',
    ],
    [
      'the organisation',
      '“An expression of dissatisfaction, however made, about the standard of service, actions or lack of action by the organisation, its own staff, or those acting on its behalf, affecting a resident or group of residents”',
    ],
  ])('accepts the Code wording with %s', (_, text) => {
    expect(lintPolicy(define(text))).toEqual([]);
  });

  it('reports a definition that drops "however made" or "affecting a resident"', () => {
    const d = only(
      define(
        'An expression of dissatisfaction about the standard of service, actions or lack of action by the landlord, its own staff, or those acting on its behalf, affecting an individual resident or group of residents.',
      ),
    );
    expect(d).toMatchObject({
      rule: 'definition',
      clause: '1.2',
      severity: 'breach',
    });
    expect(d.explanation).toContain('"however made", "affecting a resident"');
  });

  it('reports other rewording even when no key phrase is missing', () => {
    const d = only(
      define(
        'Any expression of dissatisfaction, however made, about the standard of service, actions or lack of action by the landlord, its own staff, or those acting on its behalf, affecting a resident or group of residents.',
      ),
    );
    expect(d.explanation).toContain('its wording differs from the Code');
  });

  it('reads a landlord name with regular-expression characters literally', () => {
    expect(
      lintPolicy(
        define(
          code2024.definition.text.replace('the landlord', 'A+B (Homes)'),
          'A+B (Homes)',
        ),
      ),
    ).toEqual([]);
  });
});

describe('lintPolicy: time limit (2.3)', () => {
  const limit = (patch: Partial<Policy['timeLimit']>): Policy => ({
    ...code2024,
    timeLimit: { ...code2024.timeLimit, ...patch },
  });

  it('reports a limit shorter than 12 months', () => {
    const d = only(limit({ months: 6 }));
    expect(d).toMatchObject({
      rule: 'time-limit',
      clause: '2.3',
      severity: 'breach',
    });
    expect(d.explanation).toContain(
      'within 6 months of the issue or the resident becoming aware',
    );
  });

  it('reports a limit counted from the issue only', () => {
    expect(only(limit({ from: 'issue' })).explanation).toContain(
      'within 12 months of the issue only;',
    );
  });

  it('reports a limit with no discretion', () => {
    expect(only(limit({ discretion: false })).explanation).toContain(
      'with no discretion for older complaints',
    );
  });
});

describe('lintPolicy: exclusions (2.2)', () => {
  it('gives one advisory per exclusion outside the Code examples, with its citation', () => {
    // Prepare
    const own = { source: 'test', ref: 'para 9' };
    const policy: Policy = {
      ...code2024,
      exclusions: [
        ...code2024.exclusions,
        {
          code: 'repair',
          label: 'Reporting a repair',
          ground: 'service-request',
          cite,
        },
        {
          code: 'insurance',
          label: 'Insurance claims.',
          ground: 'other',
          cite: own,
        },
        { code: 'asb', label: 'Neighbour disputes', ground: 'other', cite },
      ],
    };

    // Act
    const departures = lintPolicy(policy);

    // Assess
    expect(summary(departures)).toEqual(
      expected(
        ['2.2', 'advisory', 'exclusion-other'],
        ['2.2', 'advisory', 'exclusion-other'],
      ),
    );
    expect(departures[0]?.evidence).toBe(own);
    expect(departures[0]?.explanation).toMatch(
      /^"Insurance claims" is an exclusion/,
    );
  });

  it('gives an advisory when anonymous complaints may be declined', () => {
    const d = only({
      ...code2024,
      contact: { ...code2024.contact, anonymousMayBeDeclined: true },
    });
    expect(d).toMatchObject({
      rule: 'anonymous-declined',
      clause: '2.2',
      severity: 'advisory',
      evidence: code2024.contact.cite,
    });
  });
});

describe('lintPolicy: stages (5.2, 5.3)', () => {
  it('reports an informal stage, with its target when it has one', () => {
    const informal = (targetWorkingDays: number | null): Policy => ({
      ...code2024,
      informalStage: {
        name: 'Informal',
        targetWorkingDays,
        description: 'x',
        cite,
      },
    });
    expect(only(informal(null))).toMatchObject({
      rule: 'informal-stage',
      clause: '5.2',
      severity: 'breach',
    });
    expect(only(informal(4)).explanation).toContain(
      '("Informal", 4 working days)',
    );
  });

  it.each([
    [true, null, 'sends residents to a designated person before'],
    [false, 8, 'makes them wait 8 weeks before'],
    [
      true,
      8,
      'sends residents to a designated person or makes them wait 8 weeks',
    ],
  ])(
    'reports a designated person (%s) or a wait (%s weeks)',
    (designatedPerson, waitWeeks, text) => {
      const d = only({
        ...code2024,
        ombudsman: { ...code2024.ombudsman, designatedPerson, waitWeeks },
      });
      expect(d).toMatchObject({
        rule: 'ombudsman-direct-access',
        clause: '5.3',
        severity: 'breach',
      });
      expect(d.explanation).toContain(text);
    },
  );
});

describe('lintPolicy: refusing escalation (5.11)', () => {
  it('reports each refusal ground that rests on no section 2 exclusion', () => {
    const own = { source: 'test', ref: 'para 29' };
    const policy: Policy = {
      ...code2024,
      escalation: {
        ...code2024.escalation,
        refusalGrounds: [
          ...code2024.escalation.refusalGrounds,
          {
            code: 'not-engaged',
            label: 'Refused to engage.',
            exclusion: null,
            cite: own,
          },
          { code: 'disagrees', label: 'Disagrees', exclusion: null, cite },
        ],
      },
    };
    const departures = lintPolicy(policy);
    expect(summary(departures)).toEqual(
      expected(
        ['5.11', 'gap', 'escalation-refusal-ground'],
        ['5.11', 'gap', 'escalation-refusal-ground'],
      ),
    );
    expect(departures[0]?.evidence).toBe(own);
    expect(departures[0]?.explanation).toContain(
      'because "refused to engage",',
    );
  });
});

describe('lintPolicy: restrictions (5.14, 5.15)', () => {
  const restrict = (patch: Partial<Policy['restrictions']>): Policy => ({
    ...code2024,
    restrictions: { ...code2024.restrictions, ...patch },
  });

  it.each([
    [{ reasonsEvidenced: false }, 'are made for evidenced reasons;'],
    [{ reviewed: false }, 'are kept under regular review;'],
    [
      { reasonsEvidenced: false, reviewed: false },
      'made for evidenced reasons or kept under regular review',
    ],
  ])('reports restrictions without %o', (patch, text) => {
    const d = only(restrict(patch));
    expect(d).toMatchObject({
      rule: 'restrictions',
      clause: '5.14',
      severity: 'gap',
    });
    expect(d.explanation).toContain(text);
  });

  it('reports restrictions without Equality Act regard', () => {
    expect(only(restrict({ equalityActRegard: false }))).toMatchObject({
      rule: 'restrictions-equality',
      clause: '5.15',
      severity: 'gap',
    });
  });
});

describe('lintPolicy: acknowledgements (6.2, 6.11)', () => {
  it('reports a stage 1 acknowledgement later than 5 working days after receipt', () => {
    const d = only(
      withStage(1, { acknowledge: { workingDays: 6, from: 'receipt', cite } }),
    );
    expect(d).toMatchObject({
      rule: 'stage1-acknowledgement',
      clause: '6.2',
      severity: 'breach',
      evidence: cite,
    });
    expect(d.explanation).toContain('within 6 working days of receipt');
  });

  it('accepts 5 working days from the original complaint at stage 1', () => {
    expect(
      lintPolicy(
        withStage(1, {
          acknowledge: { workingDays: 5, from: 'original-complaint', cite },
        }),
      ),
    ).toEqual([]);
  });

  it('reports a stage 2 acknowledgement later than 5 working days after the request', () => {
    const d = only(
      withStage(2, { acknowledge: { workingDays: 10, from: 'receipt', cite } }),
    );
    expect(d).toMatchObject({
      rule: 'stage2-acknowledgement',
      clause: '6.11',
      severity: 'breach',
    });
    expect(d.explanation).toContain(
      'within 10 working days of the escalation request',
    );
  });
});

describe('lintPolicy: responses (6.3, 6.14)', () => {
  const respond = (n: 1 | 2, workingDays: number, from: ClockStart) =>
    withStage(n, { respond: { workingDays, from, cite } });

  it('reports a stage 1 response more than 10 working days after the acknowledgement', () => {
    const d = only(respond(1, 11, 'acknowledgement'));
    expect(d).toMatchObject({
      rule: 'stage1-response',
      clause: '6.3',
      severity: 'breach',
    });
    expect(d.explanation).toBe(
      'The stage 1 response is due 11 working days after the acknowledgement; the Code requires it within 10 working days of the acknowledgement.',
    );
  });

  it('counts a clock from receipt as compliant exactly when it is at most 10', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom<ClockStart>(
          'receipt',
          'original-complaint',
          'acknowledgement',
        ),
        (days, from) => {
          const found = lintPolicy(respond(1, days, from)).map((d) => d.rule);
          expect(found.includes('stage1-response')).toBe(days > 10);
        },
      ),
    );
  });

  it('says a clock from receipt can fall later than the Code allows', () => {
    expect(only(respond(1, 15, 'receipt')).explanation).toContain(
      'due 15 working days after receipt, which can fall later;',
    );
  });

  it('adds a meeting clock to a response timed from the meeting', () => {
    // Prepare
    const meeting = (m: number, r: number) =>
      withStage(2, {
        meeting: { workingDays: m, from: 'receipt', cite },
        respond: { workingDays: r, from: 'meeting', cite },
      });

    // Act
    const late = only(meeting(15, 10));

    // Assess
    expect(late).toMatchObject({
      rule: 'stage2-response',
      clause: '6.14',
      severity: 'breach',
    });
    expect(late.explanation).toContain(
      '10 working days after a review meeting held up to 15 working days after receipt (25 working days in all)',
    );
    expect(lintPolicy(meeting(10, 10))).toEqual([]);
  });

  it('reports a stage 2 response more than 20 working days after the acknowledgement', () => {
    expect(only(respond(2, 21, 'acknowledgement'))).toMatchObject({
      rule: 'stage2-response',
      clause: '6.14',
      severity: 'breach',
    });
  });
});

describe('lintPolicy: extensions (6.4, 6.5, 6.15, 6.16)', () => {
  it.each([
    [1, null, '6.4', 'gap', 'sets no limit on extending the stage 1 response'],
    [
      1,
      15,
      '6.4',
      'breach',
      'extended by up to 15 working days; the Code allows at most 10',
    ],
    [2, null, '6.15', 'gap', 'at most 20 further working days'],
    [2, 30, '6.15', 'gap', 'extended by up to 30 working days'],
  ] as const)('stage %i cap %s → %s %s', (n, cap, clause, severity, text) => {
    const d = only(extension(n, { maxWorkingDays: cap }));
    expect(d).toMatchObject({
      rule: `stage${n}-extension-cap`,
      clause,
      severity,
    });
    expect(d.explanation).toContain(text);
  });

  it.each([
    [1, '6.4'],
    [2, '6.16'],
  ] as const)(
    'reports a stage %i extension without notice before the due date (%s)',
    (n, clause) => {
      expect(only(extension(n, { noticeBeforeDue: false }))).toMatchObject({
        rule: `stage${n}-extension-notice`,
        clause,
        severity: 'gap',
      });
    },
  );

  it.each([
    [1, '6.5'],
    [2, '6.16'],
  ] as const)(
    'reports a stage %i extension notice without the Ombudsman details (%s)',
    (n, clause) => {
      expect(
        only(extension(n, { ombudsmanDetailsInNotice: false })),
      ).toMatchObject({
        rule: `stage${n}-extension-ombudsman-details`,
        clause,
        severity: 'gap',
      });
    },
  );

  it('accepts a lower cap and no good-reason override', () => {
    expect(
      lintPolicy(
        extension(1, { maxWorkingDays: 5, goodReasonOverride: false }),
      ),
    ).toEqual([]);
  });
});

describe('lintPolicy: auto-close and escalation (6.10)', () => {
  type Days = { days: number; unit: 'calendar-days' | 'working-days' };
  const closing = (close: Days | null, window: Days | null): Policy => ({
    ...code2024,
    closure: {
      ...code2024.closure,
      autoCloseAfterNoContact: close === null ? null : { ...close, cite },
    },
    escalation: {
      ...code2024.escalation,
      window: window === null ? null : { ...window, cite },
    },
  });
  const cal = (days: number): Days => ({ days, unit: 'calendar-days' });
  const wd = (days: number): Days => ({ days, unit: 'working-days' });

  it('reports closing before the escalation window has run', () => {
    const d = only(closing(cal(7), cal(14)));
    expect(d).toMatchObject({
      rule: 'auto-close-before-escalation',
      clause: '6.10',
      severity: 'breach',
    });
    expect(d.explanation).toContain(
      'after 7 days without contact, before the 14 days',
    );
  });

  it.each([
    ['the same length', cal(14), cal(14)],
    ['no window', cal(14), null],
    ['10 working days against 14 days (at least 14 days)', wd(10), cal(14)],
    ['14 days against 10 working days (at most 14 days)', cal(14), wd(10)],
  ])('does not report %s', (_, close, window) => {
    expect(lintPolicy(closing(close, window))).toEqual([]);
  });

  it.each([
    ['9 working days against 14 days', wd(9), cal(14)],
    ['14 days against 11 working days', cal(14), wd(11)],
  ])('reports %s', (_, close, window) => {
    expect(only(closing(close, window)).rule).toBe(
      'auto-close-before-escalation',
    );
  });

  it('does not report an auto-close alone (the Code has no rule on it)', () => {
    expect(lintPolicy(closing(cal(14), null))).toEqual([]);
  });
});

describe('lintPolicy: asking for stage 2 (6.12, 6.13)', () => {
  const escalate = (patch: Partial<Policy['escalation']>): Policy => ({
    ...code2024,
    escalation: { ...code2024.escalation, ...patch },
  });

  it.each([
    [{ reasonsRequired: true }, 'asks residents to give reasons for stage 2'],
    [
      { acceptedGrounds: 'reasons-or-new-information' },
      'escalates only when the resident gives specific reasons or new information',
    ],
    [
      { reasonsRequired: true, acceptedGrounds: 'procedure-not-followed' },
      'escalates only when the resident shows the complaint was not handled in line with the policy',
    ],
  ] as const)('reports %o', (patch, text) => {
    const d = only(escalate(patch));
    expect(d).toMatchObject({
      rule: 'escalation-reasons',
      clause: '6.12',
      severity: 'breach',
    });
    expect(d.explanation).toContain(text);
  });

  it('reports a stage 2 handler not required to differ from stage 1', () => {
    const d = only(
      withStage(2, {
        handler: {
          description: 'The Head of Service',
          mustDifferFromStage1: false,
          cite,
        },
      }),
    );
    expect(d).toMatchObject({
      rule: 'stage2-handler',
      clause: '6.13',
      severity: 'gap',
    });
    expect(d.explanation).toContain('(the Head of Service)');
  });
});

describe('lintPolicy: governance (8.1, 9.5, 9.7)', () => {
  const govern = (patch: Partial<Policy['governance']>): Policy => ({
    ...code2024,
    governance: { ...code2024.governance, ...patch },
  });

  it('reports no annual report', () => {
    expect(only(govern({ annualReport: false }))).toMatchObject({
      rule: 'annual-report',
      clause: '8.1',
      severity: 'gap',
    });
  });

  it('reports no Member Responsible for Complaints', () => {
    expect(
      only(govern({ memberResponsibleForComplaints: false })),
    ).toMatchObject({
      rule: 'member-responsible',
      clause: '9.5',
      severity: 'gap',
    });
  });

  it.each([
    [null, 'does not say how often the governing body hears about complaints'],
    [24, 'only every 24 months'],
  ])('reports Board reporting of %s', (months, text) => {
    const d = only(govern({ boardReportingMonths: months }));
    expect(d).toMatchObject({
      rule: 'board-reporting',
      clause: '9.7',
      severity: 'gap',
    });
    expect(d.explanation).toContain(text);
  });

  it('accepts yearly Board reporting', () => {
    expect(lintPolicy(govern({ boardReportingMonths: 12 }))).toEqual([]);
  });
});

describe('lintPolicy: timescales a policy does not state', () => {
  it('reports a silent statutory clock as a gap, even though the value is the Code default', () => {
    const silent = {
      source: 'Leaflet',
      ref: 'silent — Code default (6.14)',
      silent: true,
    } as const;
    const policy = withStage(2, {
      respond: { ...code2024.stage2.respond, cite: silent },
    });

    expect(lintPolicy(policy)).toEqual([
      expect.objectContaining({
        rule: 'not-stated',
        clause: '6.14',
        severity: 'gap',
        evidence: silent,
      }),
    ]);
  });
});
