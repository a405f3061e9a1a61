import {
  type Command,
  type ComplaintEvent,
  type ComplaintState,
  code2024,
  decide,
  type Intent,
  letterKinds,
  livin2020,
  type Policy,
  type Receive,
  runningClocks,
  ukBankHolidays,
  workingCalendar,
} from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  complaintEventSchema,
  complaintStateSchema,
  intentSchema,
  parseRow,
  StoredRowError,
} from '../../../../functions/shared/contracts/index.js';

// ── the domain, run for real ────────────────────────────────────────────

const officer = { kind: 'staff', id: 'officer-ana' } as const;
const manager = { kind: 'staff', id: 'manager-ben' } as const;
const resident = { kind: 'resident', id: 'resident' } as const;
const system = { kind: 'system', id: 'deadline-job' } as const;
type Actor = typeof officer | typeof manager | typeof resident | typeof system;

/** 10:00 on a date, London time: GMT to 28 March 2026, BST from the 29th. */
function at(date: string, time = '10:00'): string {
  return `${date}T${time}:00${date >= '2026-03-29' ? '+01:00' : 'Z'}`;
}

/** Every state, event and intent a set of complaints produced. */
const produced = {
  states: [] as ComplaintState[],
  events: [] as ComplaintEvent[],
  intents: [] as Intent[],
};

/** One complaint: decide, keep the state, record what was produced. */
function complaint(policy: Policy) {
  const calendar =
    policy === code2024
      ? workingCalendar({ nation: 'england-and-wales', feed: ukBankHolidays })
      : workingCalendar({
          nation: policy.nation,
          feed: ukBankHolidays,
          closureDays: policy.closureDays,
        });
  let ids = 0;
  let state: ComplaintState | undefined;
  return {
    calendar,
    do(command: Command, now: string, actor: Actor = officer) {
      const result = decide(state, command, {
        now,
        policy,
        calendar,
        actor,
        newId: () => `id-${++ids}`,
      });
      if (!result.ok) {
        throw new Error(`${command.type}: ${result.rejection.message}`);
      }
      state = result.state;
      produced.states.push(result.state);
      produced.events.push(...result.events);
      produced.intents.push(...result.intents);
      return result;
    },
    get state(): ComplaintState {
      if (state === undefined) throw new Error('nothing received yet');
      return state;
    },
    clock(id: string) {
      const clock = runningClocks(this.state, policy, calendar).find(
        (c) => c.id === id,
      );
      if (clock === undefined) throw new Error(`no clock ${id}`);
      return clock;
    },
  };
}

function receive(id: string, overrides: Partial<Receive> = {}): Receive {
  return {
    type: 'receive',
    id,
    reference: `HTH-2026-00000${id.slice(2)}`,
    channel: 'web',
    receivedAt: at('2026-03-02'),
    summary: 'The boiler has failed three times.',
    resident: {
      name: 'Jo Resident',
      email: 'jo@example.org',
      preferredContact: 'email',
      formats: [],
    },
    ...overrides,
  };
}

const definition = {
  issues: [
    { id: 'i1', summary: 'Boiler repairs not completed', inScope: true },
    {
      id: 'i2',
      summary: 'Damage to a neighbour’s fence',
      inScope: false,
      signpost: 'The neighbour’s insurer',
    },
  ],
  outcomesSought: ['A working boiler', 'An apology'],
};

const decided = (...issueIds: string[]) =>
  issueIds.map((issueId) => ({
    issueId,
    decision: 'upheld' as const,
    reasons: 'The repairs were not done.',
  }));

/** The whole lifecycle, with every optional field the domain keeps. */
function fullLifecycle() {
  const c = complaint(code2024);
  c.do(
    receive('c-1', {
      channel: 'email',
      issueDate: '2026-01-12',
      awareDate: '2026-01-20',
      outcomeSought: 'A working boiler and an apology',
      category: 'repairs',
      resident: {
        name: 'Jo Resident',
        email: 'jo@example.org',
        phone: '07700 900123',
        address: ['1 High Street', 'Exeter', 'EX1 1AA'],
        preferredContact: 'email',
        formats: ['large-print', 'translation'],
        language: 'cy',
        tenure: 'LCRA',
      },
      representative: {
        name: 'Sam Advocate',
        email: 'sam@example.org',
        relationship: 'Citizens Advice adviser',
        consentOn: '2026-02-27',
      },
      adjustments: [
        { description: 'Calls after 2pm only', reviewOn: '2026-06-01' },
        { description: 'Large print letters' },
      ],
      vulnerability: 'Recently bereaved',
    }),
    at('2026-03-02'),
    resident,
  );
  c.do(
    {
      type: 'record-correspondence',
      direction: 'in',
      channel: 'phone',
      at: at('2026-03-03', '09:15'),
      summary: 'Resident called to add photos',
    },
    at('2026-03-03'),
  );
  c.do(
    { type: 'request-clarification', stage: 1, questions: 'Which boiler?' },
    at('2026-03-03'),
  );
  c.do({ type: 'assign', stage: 1, handler: 'officer-ana' }, at('2026-03-03'));
  c.do(
    {
      type: 'record-letter',
      letterId: 'c-1/receipt-confirmation/1',
      kind: 'receipt-confirmation',
      outcome: 'queued-for-post',
      pdfKey: 'letters/c-1/receipt-confirmation-1.pdf',
    },
    at('2026-03-03'),
  );
  c.do(
    { type: 'mark-letter-posted', letterId: 'c-1/receipt-confirmation/1' },
    at('2026-03-03'),
  );
  c.do(
    {
      type: 'record-letter',
      letterId: 'c-1/clarification-request/3',
      kind: 'clarification-request',
      outcome: 'blocked',
      missing: ['clarification'],
    },
    at('2026-03-03'),
  );
  c.do(
    {
      type: 'record-correspondence',
      direction: 'in',
      channel: 'email',
      at: at('2026-03-03', '09:30'),
      summary: 'Reply with a photo',
      messageId: '<reply-1@example.org>',
      attachments: [
        {
          key: 'mail/attachments/c-1/photo.jpg',
          filename: 'photo.jpg',
          contentType: 'image/jpeg',
          size: 2048,
          receivedAt: at('2026-03-03', '09:30'),
        },
      ],
    },
    at('2026-03-03'),
  );

  // The acknowledgement is late: the deadline job reminds, then breaches.
  const ack = c.clock('stage1.acknowledge');
  const [reminderOn] = ack.reminderOn;
  if (reminderOn === undefined || ack.breachOn === null) {
    throw new Error('the acknowledgement clock should remind and breach');
  }
  const note = (kind: 'reminder' | 'breach') =>
    ({ type: 'note-clock', clockId: ack.id, dueOn: ack.dueOn, kind }) as const;
  c.do(note('reminder'), at(reminderOn, '07:00'), system);
  c.do(note('breach'), at(ack.breachOn, '07:00'), system);
  c.do({ type: 'acknowledge', stage: 1, definition }, at(ack.breachOn));

  c.do(
    {
      type: 'add-issue',
      issue: { id: 'i3', summary: 'Missed appointments', inScope: true },
    },
    at('2026-03-11'),
  );
  c.do(
    {
      type: 'add-issue',
      issue: { id: 'i4', summary: 'Rent account error', inScope: true },
      asNewComplaint: true,
    },
    at('2026-03-11'),
  );
  c.do(
    { type: 'record-meeting', stage: 1, heldOn: '2026-03-11' },
    at('2026-03-12'),
  );
  c.do(
    {
      type: 'extend',
      stage: 1,
      newDueOn: '2026-03-31',
      reasons: 'Waiting for the contractor’s report',
    },
    at('2026-03-20'),
  );
  c.do(
    {
      type: 'respond',
      stage: 1,
      decisions: decided('i1', 'i2', 'i3'),
      summary: 'We are sorry: the boiler will be replaced.',
      remedies: [
        { kind: 'apology', description: 'We apologise for the delays.' },
        {
          kind: 'financial',
          description: 'Compensation for the time without heating',
          amountPence: 25_000,
          dueOn: '2026-04-14',
        },
      ],
      actions: [
        {
          description: 'Replace the boiler',
          owner: 'repairs-team',
          dueOn: '2026-04-21',
        },
        {
          description: 'Review the contractor’s performance',
          dueOn: '2026-05-29',
        },
      ],
    },
    at('2026-03-30'),
  );
  c.do(
    {
      type: 'record-remedy',
      remedy: { kind: 'explanation', description: 'Why the parts took long' },
    },
    at('2026-03-31'),
  );
  const [firstRemedy] = c.state.remedies;
  const [firstAction] = c.state.actions;
  if (firstRemedy === undefined || firstAction === undefined) {
    throw new Error('the response should record remedies and actions');
  }
  c.do({ type: 'complete-remedy', remedyId: firstRemedy.id }, at('2026-03-31'));
  c.do(
    { type: 'add-action', action: { description: 'Service the boiler' } },
    at('2026-03-31'),
  );
  c.do({ type: 'complete-action', actionId: firstAction.id }, at('2026-04-01'));
  c.do(
    {
      type: 'request-escalation',
      receivedAt: at('2026-04-02', '18:30'),
      channel: 'email',
      reasons: 'The compensation is too low.',
    },
    at('2026-04-02', '18:35'),
    resident,
  );
  c.do({ type: 'assign', stage: 2, handler: 'manager-ben' }, at('2026-04-07'));
  c.do(
    { type: 'acknowledge', stage: 2, definition },
    at('2026-04-08'),
    manager,
  );
  const stage2Due = c.clock('stage2.respond').dueOn;
  c.do(
    {
      type: 'extend',
      stage: 2,
      newDueOn: c.calendar.addWorkingDays(stage2Due, 5),
      reasons: 'An independent surveyor is visiting',
      goodReason: 'Not needed inside the cap, kept anyway',
    },
    at('2026-04-08', '15:00'),
  );
  c.do(
    {
      type: 'record-evidence-request',
      receivedOn: '2026-04-09',
      description: 'The Ombudsman asks for the repair logs',
    },
    at('2026-04-09'),
  );
  const [evidence] = c.state.evidenceRequests;
  if (evidence === undefined) throw new Error('no evidence request');
  c.do({ type: 'provide-evidence', requestId: evidence.id }, at('2026-04-10'));
  c.do(
    {
      type: 'restrict-contact',
      kind: 'single-point-of-contact',
      reasons: 'Twelve calls a day to different staff',
      equalityActConsideration: 'No protected characteristic is affected',
      approvedBy: 'head-of-housing',
      reviewOn: '2026-05-13',
    },
    at('2026-04-13'),
  );
  const [restriction] = c.state.restrictions;
  if (restriction === undefined) throw new Error('no restriction');
  c.do(
    {
      type: 'review-restriction',
      restrictionId: restriction.id,
      outcome: 'continue',
      nextReviewOn: '2026-06-13',
      notes: 'Still needed',
    },
    at('2026-04-14'),
  );
  c.do(
    {
      type: 'review-restriction',
      restrictionId: restriction.id,
      outcome: 'lift',
      notes: 'Contact is back to normal',
    },
    at('2026-04-15'),
  );
  c.do(
    {
      type: 'respond',
      stage: 2,
      decisions: decided('i1', 'i2'),
      summary: 'We have increased the compensation.',
      remedies: [
        {
          kind: 'financial',
          description: 'Further compensation',
          amountPence: 10_000,
          dueOn: '2026-05-05',
        },
      ],
    },
    at('2026-04-20'),
    manager,
  );
  c.do(
    {
      type: 'record-correspondence',
      direction: 'out',
      channel: 'letter',
      at: at('2026-04-20', '11:00'),
      summary: 'Stage 2 response posted',
      letterId: 'c-1/stage2-response/40',
    },
    at('2026-04-20', '11:05'),
  );
  c.do(
    {
      type: 'close',
      reason: 'Stage 2 response sent',
      learning: 'Check parts stock first',
    },
    at('2026-04-21'),
  );
  c.do({ type: 'reopen', reason: 'Closed in error' }, at('2026-04-22'));
  c.do({ type: 'close', reason: 'Closed again' }, at('2026-04-23'));
  return c.state;
}

function otherPaths() {
  // Declined: out of time, with the discretion considered (Code 2.3).
  const declined = complaint(code2024);
  declined.do(receive('c-2', { issueDate: '2024-01-10' }), at('2026-03-02'));
  declined.do(
    {
      type: 'decline',
      exclusionCode: 'outside-time-limit',
      reasons: 'The repair was in January 2024.',
      discretion: 'No good reason for the delay was given.',
    },
    at('2026-03-03'),
  );

  const withdrawn = complaint(code2024);
  withdrawn.do(receive('c-3'), at('2026-03-02'));
  withdrawn.do({ type: 'withdraw', reason: 'Fixed now' }, at('2026-03-04'));

  // A service request, a complaint raised from it, and a reclassification.
  const request = complaint(code2024);
  request.do(
    receive('c-4', { classification: 'service-request' }),
    at('2026-03-02'),
  );
  request.do({ type: 'raise-complaint', complaintId: 'c-5' }, at('2026-03-03'));
  request.do({ type: 'close', reason: 'Repair done' }, at('2026-03-04'));
  const reclassified = complaint(code2024);
  reclassified.do(receive('c-6'), at('2026-03-02'));
  reclassified.do(
    {
      type: 'classify',
      classification: 'service-request',
      reason: 'A first report of a repair',
    },
    at('2026-03-03'),
  );

  // Escalation refused on a policy ground.
  const refused = complaint(code2024);
  refused.do(receive('c-7'), at('2026-03-02'));
  refused.do({ type: 'acknowledge', stage: 1, definition }, at('2026-03-03'));
  refused.do(
    {
      type: 'respond',
      stage: 1,
      decisions: decided('i1', 'i2').map((d) => ({
        ...d,
        decision: 'not-upheld' as const,
      })),
      summary: 'Not upheld',
    },
    at('2026-03-10'),
  );
  refused.do(
    {
      type: 'request-escalation',
      receivedAt: at('2026-03-11'),
      channel: 'phone',
    },
    at('2026-03-11'),
    resident,
  );
  refused.do(
    {
      type: 'refuse-escalation',
      groundCode: 'legal-proceedings',
      reasons: 'The matter is before the county court.',
    },
    at('2026-03-12'),
  );

  // A policy with an informal stage (a Code departure, run as written).
  const informal = complaint(livin2020);
  informal.do(receive('c-8'), at('2026-03-02'));
  informal.do(
    { type: 'log-at-stage-1', reason: 'Not resolved informally' },
    at('2026-03-03'),
  );
  const resolved = complaint(livin2020);
  resolved.do(receive('c-9'), at('2026-03-02'));
  resolved.do(
    { type: 'resolve-informally', resolution: 'Repair booked' },
    at('2026-03-03'),
  );
}

const finalState = fullLifecycle();
otherPaths();

/** A deep copy, as a DocumentClient or the stream would hand it back. */
function stored<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

// ── positive: every real row parses and round-trips ─────────────────────

describe('rows the domain produces', () => {
  it('covers every event type, every intent type and every letter kind', () => {
    const eventTypes = complaintEventSchema.options.map(
      (o) => o.shape.type.value,
    );
    const intentTypes = intentSchema.options.map((o) => o.shape.type.value);
    const letterKindsSent = produced.intents.flatMap((i) =>
      i.type === 'send-letter' ? [i.kind] : [],
    );

    expect(new Set(produced.events.map((e) => e.type))).toEqual(
      new Set(eventTypes),
    );
    expect(new Set(produced.intents.map((i) => i.type))).toEqual(
      new Set(intentTypes),
    );
    // The lifecycle's email receipt brings the automatic receipt reply.
    expect(new Set(letterKindsSent)).toEqual(new Set(letterKinds));
    // 34 decisions on the full lifecycle, 18 on the other paths.
    expect(produced.states).toHaveLength(52);
  });

  it('parses every state and round-trips it through JSON unchanged', () => {
    for (const state of produced.states) {
      const parsed = parseRow(
        complaintStateSchema,
        stored(state),
        `complaint state ${state.reference}`,
      );
      expect(parsed).toStrictEqual(state);
      expect(stored(parsed)).toStrictEqual(stored(state));
    }
  });

  it('parses every event and round-trips it through JSON unchanged', () => {
    for (const event of produced.events) {
      const parsed = parseRow(complaintEventSchema, stored(event), 'event');
      expect(parsed).toStrictEqual(event);
    }
    expect(
      parseRow(complaintEventSchema.array(), stored(produced.events), 'events'),
    ).toStrictEqual(produced.events);
  });

  it('parses every intent and round-trips it through JSON unchanged', () => {
    for (const intent of produced.intents) {
      expect(parseRow(intentSchema, stored(intent), 'intent')).toStrictEqual(
        intent,
      );
    }
  });

  it('keeps the full state, every optional field included', () => {
    const parsed = complaintStateSchema.parse(stored(finalState));

    expect(parsed).toMatchObject({
      status: 'closed',
      representative: { consentOn: '2026-02-27' },
      stage1: { meetingOn: '2026-03-11', handler: 'officer-ana' },
      stage2: { handler: 'manager-ben' },
      escalation: { reasons: 'The compensation is too low.', late: false },
      closure: { reason: 'Closed again' },
    });
    expect(parsed.clockMarks.map((m) => m.kind)).toEqual([
      'reminder',
      'breach',
    ]);
    expect(parsed.stage1?.extensions).toHaveLength(1);
    expect(parsed.linkedComplaintIds).toHaveLength(1);
  });
});

// ── negative: each bad row is refused, naming the path ──────────────────

type Row = Record<string, unknown>;

/** The final state, as stored, with one thing changed. */
function stateWith(change: (row: Row) => void): unknown {
  const row = stored(finalState) as Row;
  change(row);
  return row;
}

const at_ = (row: Row, key: string) => row[key] as Row;

function rejection(schema: z.ZodType, value: unknown, what: string) {
  try {
    parseRow(schema, value, what);
  } catch (error) {
    if (error instanceof StoredRowError) return error;
    throw error;
  }
  throw new Error('expected the row to be refused');
}

const what = 'complaint state HTH-2026-000001';
const refuse = (value: unknown) => rejection(complaintStateSchema, value, what);

describe('a state row that does not match ComplaintState', () => {
  it('is refused when a required field is missing', () => {
    const error = refuse(
      stateWith((row) => {
        delete at_(row, 'resident').preferredContact;
      }),
    );

    expect(error.message).toBe(
      `${what}: resident.preferredContact: Invalid option: expected one of "email"|"post"|"phone"`,
    );
    expect(error.issues[0]?.path).toEqual(['resident', 'preferredContact']);
  });

  it('is refused for a value outside an enum', () => {
    const error = refuse(stateWith((row) => (row.status = 'open')));

    expect(error.message).toMatch(/^complaint state HTH-2026-000001: status: /);
    expect(error.issues[0]).toMatchObject({
      code: 'invalid_value',
      path: ['status'],
    });
  });

  it('is refused for an impossible date', () => {
    const error = refuse(
      stateWith((row) => (at_(row, 'stage1').receivedOn = '2026-02-30')),
    );

    expect(error.message).toBe(`${what}: stage1.receivedOn: Invalid date`);
  });

  it.each([
    ['2026-3-02', 'not zero-padded'],
    ['2026-03-02T00:00:00Z', 'an instant'],
    ['2025-02-29', 'not a leap year'],
    ['', 'empty'],
  ])('is refused for the date %j (%s)', (date) => {
    const error = refuse(stateWith((row) => (row.closedOn = date)));

    expect(error.message).toBe(`${what}: closedOn: Invalid date`);
  });

  it.each([
    ['2026-03-02T10:00:00', 'no offset'],
    ['2026-03-02 10:00:00Z', 'no T'],
    ['2026-03-02T25:00:00Z', 'hour out of range'],
  ])('is refused for the instant %j (%s)', (instant) => {
    const error = refuse(stateWith((row) => (row.receivedAt = instant)));

    expect(error.message).toBe(`${what}: receivedAt: Invalid instant`);
  });

  it('accepts an instant with an offset or a fraction', () => {
    for (const receivedAt of [
      '2026-07-01T00:30:00+01:00',
      '2026-07-01T00:30:00.123Z',
      '2026-07-01T00:30Z',
    ]) {
      expect(
        complaintStateSchema.safeParse(
          stateWith((r) => (r.receivedAt = receivedAt)),
        ).success,
      ).toBe(true);
    }
  });

  it('is refused for an extra key, naming the object that has it', () => {
    const error = refuse(
      stateWith((row) => (at_(row, 'stage1').colour = 'blue')),
    );

    expect(error.message).toBe(`${what}: stage1: Unrecognized key: "colour"`);
    expect(error.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['colour'],
    });
  });

  it('is refused for a wrong type deep inside', () => {
    const error = refuse(
      stateWith((row) => {
        const [extension] = at_(row, 'stage1').extensions as Row[];
        if (extension) extension.toDueOn = 5;
      }),
    );

    expect(error.message).toBe(
      `${what}: stage1.extensions[0].toDueOn: Invalid input: expected string, received number`,
    );
    expect(error.issues[0]?.path).toEqual([
      'stage1',
      'extensions',
      0,
      'toDueOn',
    ]);
  });

  it('is refused for an optional field present as undefined or null', () => {
    // exactOptionalPropertyTypes: absent is fine, present-but-undefined is not.
    expect(
      refuse({ ...(stored(finalState) as Row), category: undefined }).message,
    ).toBe(
      `${what}: category: Invalid input: expected string, received undefined`,
    );
    expect(
      refuse(stateWith((row) => (row.representative = null))).message,
    ).toBe(
      `${what}: representative: Invalid input: expected object, received null`,
    );
  });

  it('is refused for a version that is not a positive integer', () => {
    expect(
      refuse(stateWith((row) => (row.version = 0))).issues[0]?.path,
    ).toEqual(['version']);
    expect(
      refuse(stateWith((row) => (row.version = 1.5))).issues[0]?.path,
    ).toEqual(['version']);
  });

  it('is refused for a blank identifier', () => {
    const error = refuse(
      stateWith((row) => {
        const [remedy] = row.remedies as Row[];
        if (remedy) remedy.id = '';
      }),
    );

    expect(error.message).toMatch(
      /^complaint state HTH-2026-000001: remedies\[0\]\.id: /,
    );
  });

  it('counts the further problems without naming them', () => {
    const error = refuse(
      stateWith((row) => {
        row.status = 'open';
        row.receivedOn = '2026-02-30';
        row.colour = 'blue';
      }),
    );

    expect(error.message).toMatch(/ \(and 2 more\)$/);
    expect(error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([['status'], ['receivedOn'], []]),
    );
  });

  it('is refused when there is no row at all', () => {
    expect(refuse(undefined).message).toBe(
      `${what}: Invalid input: expected object, received undefined`,
    );
  });
});

describe('an event row that does not match ComplaintEvent', () => {
  const events = () => stored(produced.events) as Row[];
  const refuseEvents = (rows: Row[]) =>
    rejection(complaintEventSchema.array(), rows, 'event item c-1#7');
  const index = (type: string) =>
    produced.events.findIndex((e) => e.type === type);

  it('is refused for an unknown event type', () => {
    const rows = events();
    const [first] = rows;
    if (first) first.type = 'complaint-exploded';

    const error = refuseEvents(rows);

    expect(error.message).toMatch(/^event item c-1#7: \[0\]\.type: /);
  });

  it('is refused without who or when', () => {
    const rows = events();
    const i = index('extended');
    delete rows[i]?.by;

    expect(refuseEvents(rows).message).toBe(
      `event item c-1#7: [${i}].by: Invalid input: expected string, received undefined`,
    );
  });

  it('is refused for a field of another event type', () => {
    const rows = events();
    const i = index('clock-breached');
    const row = rows[i];
    if (row) row.stage = 1;

    expect(refuseEvents(rows).message).toBe(
      `event item c-1#7: [${i}]: Unrecognized key: "stage"`,
    );
  });

  it('is refused for a wrong type deep inside', () => {
    const rows = events();
    const i = index('responded');
    const row = rows[i];
    const [remedy] = (row?.remedies as Row[] | undefined) ?? [];
    if (remedy) remedy.stage = 3;

    const error = refuseEvents(rows);

    expect(error.issues[0]?.path).toEqual([i, 'remedies', 0, 'stage']);
    expect(error.message).toMatch(
      new RegExp(`^event item c-1#7: \\[${i}\\]\\.remedies\\[0\\]\\.stage: `),
    );
  });

  it('is refused for a financial remedy in fractions of a penny', () => {
    const rows = events();
    const i = index('responded');
    const [, financial] = (rows[i]?.remedies as Row[] | undefined) ?? [];
    if (financial) financial.amountPence = 12.5;

    expect(refuseEvents(rows).issues[0]?.path).toEqual([
      i,
      'remedies',
      1,
      'amountPence',
    ]);
  });
});

describe('an intent row that does not match Intent', () => {
  const refuseIntent = (row: unknown) =>
    rejection(intentSchema, row, 'event item c-1#2');

  it('is refused for a letter kind Hearth does not send', () => {
    const error = refuseIntent({
      type: 'send-letter',
      letterId: 'c-1/thank-you/2',
      kind: 'thank-you',
    });

    expect(error.issues[0]?.path).toEqual(['kind']);
  });

  it('is refused for a schedule with an impossible date', () => {
    const schedule = produced.intents.find((i) => i.type === 'create-schedule');
    const row = stored(schedule) as Row;
    at_(row, 'schedule').fireOn = '2026-13-01';

    expect(refuseIntent(row).message).toBe(
      'event item c-1#2: schedule.fireOn: Invalid date',
    );
  });

  it('is refused for a stage that is not 1 or 2', () => {
    const error = refuseIntent({
      type: 'send-letter',
      letterId: 'c-1/closure/9',
      kind: 'closure',
      stage: 3,
    });

    expect(error.issues[0]?.path).toEqual(['stage']);
  });
});

describe('StoredRowError', () => {
  it('is an Error with a stable code, the row, the issues and the cause', () => {
    const error = refuse(stateWith((row) => (row.status = 'open')));

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('StoredRowError');
    expect(error.code).toBe('STORAGE.INVALID_ROW');
    expect(error.row).toBe(what);
    expect(error.issues).toHaveLength(1);
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });

  it('does not echo the stored value (it may be personal data)', () => {
    const error = refuse(
      stateWith((row) => {
        at_(row, 'resident').preferredContact = 'jo@example.org';
        at_(row, 'resident').name = { secret: 'Jo Resident' };
      }),
    );

    expect(error.message).not.toContain('jo@example.org');
    expect(JSON.stringify(error.issues)).not.toContain('Jo Resident');
  });
});
