import {
  type Command,
  code2024,
  decide,
  ukBankHolidays,
  workingCalendar,
} from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  type CommandGroup,
  type CommandGroupsCover,
  commandGroups,
  commandSchema,
  commandTypesFor,
  type DriftedVariants,
  type NoneDrifted,
  type StaffCommand,
  type StaffCommandType,
  staffReceiveSchema,
} from '../../../../functions/shared/contracts/index.js';

/** The dotted paths of every issue zod found, as the domain names fields. */
function failures(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => issue.path.join('.'));
}

/**
 * A realistic body for every command staff send, each typed as the
 * domain's command of that `type`: the bodies the edge lets through are
 * commands the domain takes.
 */
const bodies: { [T in StaffCommandType]: Extract<Command, { type: T }> } = {
  classify: {
    type: 'classify',
    classification: 'service-request',
    reason: 'The resident is reporting a repair for the first time.',
  },
  'raise-complaint': { type: 'raise-complaint', complaintId: 'c-2' },
  'log-at-stage-1': {
    type: 'log-at-stage-1',
    reason: 'The resident is not satisfied with the informal resolution.',
  },
  'resolve-informally': {
    type: 'resolve-informally',
    resolution: 'The bin was collected the same day and the resident agreed.',
  },
  decline: {
    type: 'decline',
    exclusionCode: 'out-of-time',
    reasons: 'The issue happened more than twelve months ago.',
    discretion: 'No good reason was given for the delay.',
  },
  'request-clarification': {
    type: 'request-clarification',
    stage: 1,
    questions: 'Which window is affected, and since when?',
  },
  acknowledge: {
    type: 'acknowledge',
    stage: 1,
    definition: {
      issues: [
        { id: 'i-1', summary: 'Boiler repair delayed', inScope: true },
        {
          id: 'i-2',
          summary: 'Council tax band',
          inScope: false,
          signpost: 'the Valuation Office Agency',
        },
      ],
      outcomesSought: ['Boiler fixed', 'Compensation for the delay'],
    },
  },
  extend: {
    type: 'extend',
    stage: 1,
    newDueOn: '2026-02-20',
    reasons: 'We are waiting for the contractor’s report.',
    goodReason: 'The contractor is the only one certified for this boiler.',
  },
  'add-issue': {
    type: 'add-issue',
    issue: { id: 'i-3', summary: 'Rude operative', inScope: true },
    asNewComplaint: false,
  },
  respond: {
    type: 'respond',
    stage: 1,
    decisions: [
      {
        issueId: 'i-1',
        decision: 'upheld',
        reasons: 'The repair took 40 days against a 20-day target.',
      },
      {
        issueId: 'i-2',
        decision: 'not-upheld',
        reasons: 'Council tax is set by the council.',
      },
    ],
    summary: 'We have upheld your complaint about the boiler repair.',
    remedies: [
      { kind: 'apology', description: 'We apologise for the delay.' },
      {
        kind: 'financial',
        description: 'Compensation for 20 days without heating',
        amountPence: 25_000,
        dueOn: '2026-03-01',
      },
    ],
    actions: [
      {
        description: 'Service the boiler',
        owner: 'Repairs team',
        dueOn: '2026-03-15',
      },
    ],
  },
  'request-escalation': {
    type: 'request-escalation',
    receivedAt: '2026-03-02T09:15:00Z',
    channel: 'phone',
    reasons: 'The compensation does not cover the heaters I bought.',
  },
  'refuse-escalation': {
    type: 'refuse-escalation',
    groundCode: 'no-stage-1-response',
    reasons: 'Stage 1 has not been completed yet.',
  },
  assign: { type: 'assign', stage: 2, handler: 'staff-42' },
  'record-meeting': { type: 'record-meeting', stage: 2, heldOn: '2026-03-10' },
  'record-remedy': {
    type: 'record-remedy',
    remedy: { kind: 'amend-record', description: 'Correct the rent account' },
  },
  'complete-remedy': { type: 'complete-remedy', remedyId: 'r-1' },
  'add-action': {
    type: 'add-action',
    action: { description: 'Replace the window seals' },
  },
  'complete-action': { type: 'complete-action', actionId: 'a-1' },
  withdraw: {
    type: 'withdraw',
    reason: 'The resident called to say it is sorted.',
  },
  close: {
    type: 'close',
    reason: 'All remedies completed.',
    learning: 'Order boiler parts before the visit.',
  },
  reopen: { type: 'reopen', reason: 'Closed in error.' },
  'record-evidence-request': {
    type: 'record-evidence-request',
    receivedOn: '2026-04-01',
    description: 'The Ombudsman asks for the repair logs.',
    dueOn: '2026-04-15',
  },
  'provide-evidence': { type: 'provide-evidence', requestId: 'e-1' },
  'restrict-contact': {
    type: 'restrict-contact',
    kind: 'single-point-of-contact',
    reasons: 'Forty calls a day to different teams.',
    equalityActConsideration: 'No disability known; written contact offered.',
    approvedBy: 'Head of Housing',
    reviewOn: '2026-06-01',
  },
  'review-restriction': {
    type: 'review-restriction',
    restrictionId: 'x-1',
    outcome: 'continue',
    nextReviewOn: '2026-09-01',
    notes: 'Calls are down but not yet reasonable.',
  },
  'record-correspondence': {
    type: 'record-correspondence',
    direction: 'in',
    channel: 'email',
    at: '2026-02-03T16:20:00+00:00',
    summary: 'The resident sent photos of the mould.',
    messageId: '<abc@mail.example>',
    attachments: [
      {
        key: 'attachments/c-1/mould.jpg',
        filename: 'mould.jpg',
        contentType: 'image/jpeg',
        size: 204_800,
        receivedAt: '2026-02-03T16:20:00Z',
      },
    ],
  },
  'mark-letter-posted': { type: 'mark-letter-posted', letterId: 'l-1' },
};

const staffTypes = commandSchema.options.map(
  (option) => option.shape.type.value,
);

describe('commandSchema', () => {
  it.each(Object.values(bodies).map((body) => [body.type, body] as const))(
    'parses a realistic %s',
    (_type, body) => {
      expect(commandSchema.parse(body)).toEqual(body);
    },
  );

  it('has a body above for every staff command', () => {
    expect(Object.keys(bodies).sort()).toEqual([...staffTypes].sort());
    expect(staffTypes).toHaveLength(27);
  });

  it('parses the minimal form of each command with optional fields', () => {
    const minimal: StaffCommand[] = [
      { type: 'decline', exclusionCode: 'x', reasons: 'r' },
      { type: 'extend', stage: 2, newDueOn: '2026-02-20', reasons: 'r' },
      { type: 'add-issue', issue: { id: 'i', summary: 's', inScope: true } },
      { type: 'respond', stage: 2, decisions: [], summary: 's' },
      {
        type: 'request-escalation',
        receivedAt: '2026-03-02T09:15:00Z',
        channel: 'letter',
      },
      { type: 'close', reason: 'r' },
      {
        type: 'record-evidence-request',
        receivedOn: '2026-04-01',
        description: 'd',
      },
      {
        type: 'review-restriction',
        restrictionId: 'x',
        outcome: 'lift',
        notes: 'n',
      },
      {
        type: 'record-correspondence',
        direction: 'out',
        channel: 'phone',
        at: '2026-02-03T16:20:00Z',
        summary: 's',
      },
    ];
    for (const body of minimal) {
      expect(commandSchema.parse(body)).toEqual(body);
    }
  });

  it('trims free text', () => {
    expect(
      commandSchema.parse({ type: 'withdraw', reason: '  Sorted.\n' }),
    ).toEqual({ type: 'withdraw', reason: 'Sorted.' });
    expect(
      commandSchema.parse({
        ...bodies.assign,
        handler: ' staff-42 ',
      }),
    ).toEqual(bodies.assign);
  });

  it.each([
    [
      'a blank issue summary',
      {
        ...bodies.acknowledge,
        definition: {
          issues: [{ id: 'i-1', summary: '   ', inScope: true }],
          outcomesSought: [],
        },
      },
      'definition.issues.0.summary',
    ],
    [
      'an impossible date',
      { ...bodies.extend, newDueOn: '2026-02-30' },
      'newDueOn',
    ],
    [
      'a date with a time',
      { ...bodies.extend, newDueOn: '2026-02-20T00:00:00Z' },
      'newDueOn',
    ],
    [
      'a decision without reasons',
      {
        ...bodies.respond,
        decisions: [
          bodies.respond.decisions[0],
          { issueId: 'i-2', decision: 'upheld' },
        ],
      },
      'decisions.1.reasons',
    ],
    [
      'an unknown decision',
      {
        ...bodies.respond,
        decisions: [{ issueId: 'i-1', decision: 'maybe', reasons: 'r' }],
      },
      'decisions.0.decision',
    ],
    [
      'a fractional amount',
      {
        ...bodies.respond,
        remedies: [{ kind: 'financial', description: 'd', amountPence: 2.5 }],
      },
      'remedies.0.amountPence',
    ],
    [
      'a negative amount',
      {
        ...bodies['record-remedy'],
        remedy: { kind: 'financial', description: 'd', amountPence: -1 },
      },
      'remedy.amountPence',
    ],
    [
      'an amount over £100,000',
      {
        ...bodies['record-remedy'],
        remedy: {
          kind: 'financial',
          description: 'd',
          amountPence: 10_000_001,
        },
      },
      'remedy.amountPence',
    ],
    [
      'an amount as a string',
      {
        ...bodies['record-remedy'],
        remedy: { kind: 'financial', description: 'd', amountPence: '100' },
      },
      'remedy.amountPence',
    ],
    [
      'an unknown remedy kind',
      {
        ...bodies['record-remedy'],
        remedy: { kind: 'voucher', description: 'd' },
      },
      'remedy.kind',
    ],
    ['stage 3', { ...bodies.assign, stage: 3 }, 'stage'],
    ['stage as a string', { ...bodies.assign, stage: '1' }, 'stage'],
    [
      'an instant without a zone',
      { ...bodies['request-escalation'], receivedAt: '2026-03-02T09:15:00' },
      'receivedAt',
    ],
    [
      'an unknown channel',
      { ...bodies['record-correspondence'], channel: 'fax' },
      'channel',
    ],
    [
      'an unknown direction',
      { ...bodies['record-correspondence'], direction: 'sideways' },
      'direction',
    ],
    [
      'an attachment with a negative size',
      {
        ...bodies['record-correspondence'],
        attachments: [
          { ...bodies['record-correspondence'].attachments?.[0], size: -1 },
        ],
      },
      'attachments.0.size',
    ],
    [
      'an unknown restriction kind',
      { ...bodies['restrict-contact'], kind: 'no-contact' },
      'kind',
    ],
    [
      'an unknown review outcome',
      { ...bodies['review-restriction'], outcome: 'extend' },
      'outcome',
    ],
    ['a blank id', { type: 'complete-remedy', remedyId: '' }, 'remedyId'],
    [
      'a missing required field',
      { type: 'refuse-escalation', reasons: 'r' },
      'groundCode',
    ],
    [
      'a non-boolean flag',
      { ...bodies['add-issue'], asNewComplaint: 'yes' },
      'asNewComplaint',
    ],
    [
      'an explicit undefined for an optional field',
      { ...bodies.close, learning: undefined },
      'learning',
    ],
  ])('rejects %s, naming the field', (_case, body, path) => {
    expect(failures(commandSchema, body)).toEqual([path]);
  });

  it.each([
    ['an unknown type', { type: 'delete-complaint' }],
    ['a missing type', { reason: 'r' }],
    [
      'the jobs’ note-clock',
      { type: 'note-clock', clockId: 'k', dueOn: '2026-01-01', kind: 'breach' },
    ],
    [
      'the jobs’ record-letter',
      { type: 'record-letter', letterId: 'l', kind: 'k', outcome: 'sent' },
    ],
    ['receive, which has its own route', { type: 'receive', summary: 's' }],
  ])('rejects %s, naming type', (_case, body) => {
    expect(failures(commandSchema, body)).toEqual(['type']);
  });

  it('rejects a key the command does not have, at any depth', () => {
    const top = commandSchema.safeParse({ ...bodies.withdraw, by: 'me' });
    expect(top.error?.issues).toMatchObject([
      { code: 'unrecognized_keys', keys: ['by'], path: [] },
    ]);
    const nested = commandSchema.safeParse({
      ...bodies['add-issue'],
      issue: { ...bodies['add-issue'].issue, priority: 'high' },
    });
    expect(nested.error?.issues).toMatchObject([
      { code: 'unrecognized_keys', keys: ['priority'], path: ['issue'] },
    ]);
  });

  it('caps prose at 10,000 characters and labels at 500', () => {
    const prose = 'x'.repeat(10_000);
    expect(
      commandSchema.safeParse({ type: 'withdraw', reason: prose }).success,
    ).toBe(true);
    expect(
      failures(commandSchema, { type: 'withdraw', reason: `${prose}x` }),
    ).toEqual(['reason']);
    expect(
      failures(commandSchema, { ...bodies.respond, summary: `${prose}x` }),
    ).toEqual(['summary']);
    const line = 'x'.repeat(500);
    expect(
      commandSchema.safeParse({ ...bodies.assign, handler: line }).success,
    ).toBe(true);
    expect(
      failures(commandSchema, { ...bodies.assign, handler: `${line}x` }),
    ).toEqual(['handler']);
    expect(
      failures(commandSchema, {
        ...bodies.acknowledge,
        definition: {
          issues: [
            { id: 'i', summary: 's', inScope: false, signpost: `${line}x` },
          ],
          outcomesSought: [],
        },
      }),
    ).toEqual(['definition.issues.0.signpost']);
  });

  it('counts the text after trimming', () => {
    const padded = `  ${'x'.repeat(500)}  `;
    expect(
      commandSchema.safeParse({ ...bodies.assign, handler: padded }).success,
    ).toBe(true);
  });

  it('caps arrays: decisions and issues at 50, remedies and actions at 20', () => {
    const decision = bodies.respond.decisions[0];
    const issue = { id: 'i', summary: 's', inScope: true };
    const remedy = { kind: 'apology', description: 'Sorry' } as const;
    const action = { description: 'Fix it' };
    const respond = (over: object) => ({ ...bodies.respond, ...over });
    expect(
      commandSchema.safeParse(
        respond({
          decisions: Array(50).fill(decision),
          remedies: Array(20).fill(remedy),
          actions: Array(20).fill(action),
        }),
      ).success,
    ).toBe(true);
    expect(
      failures(commandSchema, respond({ decisions: Array(51).fill(decision) })),
    ).toEqual(['decisions']);
    expect(
      failures(commandSchema, respond({ remedies: Array(21).fill(remedy) })),
    ).toEqual(['remedies']);
    expect(
      failures(commandSchema, respond({ actions: Array(21).fill(action) })),
    ).toEqual(['actions']);
    expect(
      failures(commandSchema, {
        ...bodies.acknowledge,
        definition: { issues: Array(51).fill(issue), outcomesSought: [] },
      }),
    ).toEqual(['definition.issues']);
  });

  it('leaves the domain’s own rules to the domain', () => {
    // An empty definition and an unpriced financial remedy are the
    // domain's to refuse, with its own codes (DEFINITION.NO_ISSUES,
    // REMEDY.AMOUNT_REQUIRED); the edge only checks their shape.
    expect(
      commandSchema.safeParse({
        ...bodies.acknowledge,
        definition: { issues: [], outcomesSought: [] },
      }).success,
    ).toBe(true);
    expect(
      commandSchema.safeParse({
        type: 'record-remedy',
        remedy: { kind: 'financial', description: 'Compensation' },
      }).success,
    ).toBe(true);
  });

  it('is checked against the domain at compile time', () => {
    type Domain = Exclude<
      Command,
      { type: 'receive' | 'note-clock' | 'record-letter' }
    >;
    true satisfies NoneDrifted<DriftedVariants<StaffCommand, Domain>>;
    // A schema whose `close` lacked `learning` would fail, naming it.
    type Drifted =
      | Exclude<StaffCommand, { type: 'close' }>
      | { type: 'close'; reason: string };
    // @ts-expect-error Type 'true' does not satisfy '{ drifted: "close"; }'
    true satisfies NoneDrifted<DriftedVariants<Drifted, Domain>>;
    expect(staffTypes).not.toContain('receive');
  });
});

// ── POST /staff/complaints ──────────────────────────────────────────────

const phoneCall = {
  channel: 'phone',
  receivedAt: '2026-01-14T15:42:00Z',
  summary: 'The resident called about damp in the bedroom, reported in May.',
  classification: 'complaint',
  issueDate: '2025-05-10',
  awareDate: '2025-05-10',
  outcomeSought: 'The damp treated and the mould removed.',
  category: 'repairs',
  resident: {
    name: 'Sam Okafor',
    phone: '07700 900123',
    address: ['Flat 4', '12 High Street', 'Leeds', 'LS1 1AA'],
    preferredContact: 'phone',
    formats: ['large-print'],
    language: 'English',
    tenure: 'LCRA',
  },
  representative: {
    name: 'Ada Okafor',
    email: 'ada@example.org',
    relationship: 'daughter',
    consentOn: '2026-01-14',
  },
  adjustments: [{ description: 'Call after 2pm', reviewOn: '2026-07-01' }],
  vulnerability: 'Asthma',
} as const;

describe('staffReceiveSchema', () => {
  it('parses a phone complaint logged with its true received time', () => {
    expect(staffReceiveSchema.parse(phoneCall)).toEqual(phoneCall);
  });

  it('parses the least a letter needs, defaulting formats', () => {
    const letter = {
      channel: 'letter',
      receivedAt: '2026-01-12T09:00:00+00:00',
      summary: 'Letter about the repair to the front door.',
      resident: {
        name: 'Jo Bloggs',
        address: ['1 Low Road'],
        preferredContact: 'post',
      },
    };
    expect(staffReceiveSchema.parse(letter)).toEqual({
      ...letter,
      resident: { ...letter.resident, formats: [] },
    });
  });

  it('refuses a name with a line break, naming the field', () => {
    const result = staffReceiveSchema.safeParse({
      ...phoneCall,
      representative: {
        ...phoneCall.representative,
        name: 'Ada Lovelace\r\nBcc: someone@example.org',
      },
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      ['representative', 'name'],
    ]);
  });

  it.each(['phone', 'letter', 'in-person', 'social-media', 'email', 'web'])(
    'allows the %s channel',
    (channel) => {
      // web and email too: a contact that reached a colleague, not the
      // system, is still logged with its true channel.
      expect(staffReceiveSchema.parse({ ...phoneCall, channel }).channel).toBe(
        channel,
      );
    },
  );

  it('requires receivedAt, a real instant', () => {
    const { receivedAt: _, ...withoutTime } = phoneCall;
    expect(failures(staffReceiveSchema, withoutTime)).toEqual(['receivedAt']);
    expect(
      failures(staffReceiveSchema, { ...phoneCall, receivedAt: '2026-01-14' }),
    ).toEqual(['receivedAt']);
  });

  it.each([
    ['id', { id: 'c-1' }],
    ['reference', { reference: 'HTH-2026-000001' }],
    ['type', { type: 'receive' }],
  ])('refuses a client-chosen %s', (key, extra) => {
    expect(
      staffReceiveSchema.safeParse({ ...phoneCall, ...extra }).error?.issues,
    ).toMatchObject([{ code: 'unrecognized_keys', keys: [key] }]);
  });

  it.each([
    ['an unknown channel', { channel: 'fax' }, 'channel'],
    ['a blank summary', { summary: '  ' }, 'summary'],
    ['an over-long summary', { summary: 'x'.repeat(10_001) }, 'summary'],
    ['an impossible issue date', { issueDate: '2025-13-01' }, 'issueDate'],
    [
      'a malformed email',
      { resident: { ...phoneCall.resident, email: 'sam at home' } },
      'resident.email',
    ],
    [
      'an unknown format',
      { resident: { ...phoneCall.resident, formats: ['hologram'] } },
      'resident.formats.0',
    ],
    [
      'an over-long name',
      { resident: { ...phoneCall.resident, name: 'x'.repeat(501) } },
      'resident.name',
    ],
    [
      'an unknown key on the resident',
      { resident: { ...phoneCall.resident, nickname: 'Sammy' } },
      'resident',
    ],
    [
      'a representative without a relationship',
      { representative: { name: 'Ada' } },
      'representative.relationship',
    ],
    [
      'too many adjustments',
      { adjustments: Array(21).fill({ description: 'd' }) },
      'adjustments',
    ],
  ])('rejects %s, naming the field', (_case, over, path) => {
    expect(failures(staffReceiveSchema, { ...phoneCall, ...over })).toEqual([
      path,
    ]);
  });

  it('gives a body the domain receives once the server adds id and reference', () => {
    const body = staffReceiveSchema.parse(phoneCall);
    const result = decide(
      undefined,
      { ...body, type: 'receive', id: 'c-1', reference: 'HTH-2026-000001' },
      {
        now: '2026-01-14T16:00:00Z',
        policy: code2024,
        calendar: workingCalendar({
          nation: 'england-and-wales',
          feed: ukBankHolidays,
        }),
        actor: { kind: 'staff', id: 'staff-1' },
        newId: () => 'id-1',
      },
    );
    expect(result.ok).toBe(true);
    expect(result.ok && result.events[0]).toMatchObject({
      type: 'complaint-received',
      channel: 'phone',
      receivedAt: '2026-01-14T15:42:00Z',
    });
  });
});

// ── the staff functions' command groups ─────────────────────────────────

describe('commandGroups', () => {
  it('list every staff command type exactly once', () => {
    const listed = Object.values(commandGroups).flat();
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...staffTypes].sort());
  });

  it.each([
    ['acknowledgment', 8],
    ['escalation', 2],
    ['closure', 4],
    ['case-record', 13],
  ] as const)('give %s its %i command types', (group, count) => {
    expect(commandTypesFor(group)).toHaveLength(count);
  });

  it('let a handler refuse a command from another group', () => {
    const accepts = (group: CommandGroup, type: StaffCommandType) =>
      commandTypesFor(group).includes(type);
    expect(accepts('escalation', 'refuse-escalation')).toBe(true);
    expect(accepts('escalation', 'respond')).toBe(false);
    expect(accepts('closure', 'respond')).toBe(true);
    expect(accepts('acknowledgment', 'acknowledge')).toBe(true);
    expect(accepts('case-record', 'mark-letter-posted')).toBe(true);
  });

  it('are checked for cover at compile time', () => {
    true satisfies CommandGroupsCover<typeof commandGroups>;
    const { escalation: _, ...lacking } = commandGroups;
    // @ts-expect-error { missing: "request-escalation" | "refuse-escalation" }
    true satisfies CommandGroupsCover<typeof lacking>;
    const across = { ...commandGroups, extra: ['close'] } as const;
    // @ts-expect-error { twice: "close" }: in closure and extra
    true satisfies CommandGroupsCover<typeof across>;
    const within = {
      ...commandGroups,
      escalation: [
        'request-escalation',
        'refuse-escalation',
        'refuse-escalation',
      ],
    } as const;
    // @ts-expect-error { twice: "refuse-escalation" }: twice in one group
    true satisfies CommandGroupsCover<typeof within>;
    expect(Object.keys(lacking)).not.toContain('escalation');
  });
});
