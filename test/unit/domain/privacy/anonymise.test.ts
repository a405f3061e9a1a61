import { describe, expect, it } from 'vitest';
import {
  anonymise,
  anonymiseEvent,
  anonymiseIntent,
  type ComplaintEvent,
  type ComplaintState,
  type Intent,
} from '../../../../domain/index.js';
import {
  attachmentKey,
  fold,
  fullCase,
  laterKey,
  pdfKey,
} from './full-case.js';

const ON = '2031-07-21';
const { state, decisions } = fullCase();
const anonymous = anonymise(state, ON);

/** Everything the hand-checked case says, marked `PII` (full-case.ts). */
const leaks = (value: unknown) =>
  JSON.stringify(value).match(/pii|acacia|bloggs|advocate/gi) ?? [];

describe('anonymise', () => {
  it('removes every personal field and free text, and names the day', () => {
    const stage1 = state.stage1;
    const stage2 = state.stage2;
    if (stage1?.response === undefined || stage2?.response === undefined) {
      throw new Error('the case answered both stages');
    }
    const {
      representative: _r,
      vulnerability: _v,
      sourceMessageId: _s,
      ...kept
    } = state;

    // Every field not named here is as it was: the reporting fields kept.
    expect(anonymous).toEqual({
      ...kept,
      summary: '',
      outcomeSought: '',
      resident: {
        name: '',
        preferredContact: 'email',
        formats: [],
        tenure: 'LCRA',
      },
      adjustments: [],
      stage1: {
        ...stage1,
        definition: {
          issues: [
            { id: 'i1', summary: '', inScope: true },
            { id: 'i2', summary: '', inScope: false, signpost: '' },
            { id: 'i3', summary: '', inScope: true },
          ],
          outcomesSought: [''],
        },
        extensions: [
          {
            fromDueOn: '2025-06-18',
            toDueOn: '2025-06-25',
            reasons: '',
            goodReason: '',
            on: '2025-06-10',
          },
        ],
        response: {
          ...stage1.response,
          summary: '',
          decisions: [
            { issueId: 'i1', decision: 'upheld', reasons: '' },
            { issueId: 'i2', decision: 'not-upheld', reasons: '' },
            { issueId: 'i3', decision: 'partly-upheld', reasons: '' },
          ],
        },
      },
      stage2: {
        ...stage2,
        definition: {
          issues: [{ id: 'i1', summary: '', inScope: true }],
          outcomesSought: [''],
        },
        response: {
          ...stage2.response,
          summary: '',
          decisions: [{ issueId: 'i1', decision: 'upheld', reasons: '' }],
        },
      },
      escalation: { ...state.escalation, reasons: '' },
      remedies: state.remedies.map((r) => ({ ...r, description: '' })),
      actions: state.actions.map((a) => ({ ...a, description: '' })),
      evidenceRequests: state.evidenceRequests.map((r) => ({
        ...r,
        description: '',
      })),
      restrictions: state.restrictions.map((r) => ({
        ...r,
        reasons: '',
        equalityActConsideration: '',
      })),
      correspondence: state.correspondence.map(({ messageId: _m, ...c }) => ({
        ...c,
        summary: '',
      })),
      attachments: [],
      letters: state.letters.map(({ pdfKey: _p, ...l }) => l),
      clarifications: state.clarifications.map((c) => ({
        ...c,
        questions: '',
      })),
      closure: { reason: '', learning: '' },
      anonymisedOn: ON,
    });
    expect(leaks(anonymous)).toEqual([]);
  });

  it('keeps the facts the Board counts, as hand-checked', () => {
    expect(anonymous).toMatchObject({
      reference: 'HTH-2025-000001',
      classification: 'complaint',
      status: 'closed',
      channel: 'email',
      receivedOn: '2025-06-02',
      issueDate: '2025-05-20',
      category: 'repairs',
      closedOn: '2025-07-21',
      stage1: {
        receivedOn: '2025-06-02',
        acknowledgedOn: '2025-06-04',
        handler: 'officer-ana',
        response: { on: '2025-06-20', by: 'officer-ana', onTime: true },
      },
      stage2: {
        receivedOn: '2025-06-30',
        acknowledgedOn: '2025-07-01',
        handler: 'manager-ben',
        response: { on: '2025-07-15', onTime: true },
      },
      escalation: { receivedOn: '2025-06-30', channel: 'email', late: false },
      letters: [
        {
          kind: 'stage1-response',
          status: 'queued-for-post',
          on: '2025-06-20',
        },
      ],
      evidenceRequests: [
        { receivedOn: '2025-07-16', providedOn: '2025-07-18' },
      ],
    });
    expect(
      anonymous.remedies.map((r) => [r.kind, r.amountPence, r.recordedOn]),
    ).toEqual([
      ['financial', 5000, '2025-06-20'],
      ['apology', undefined, '2025-06-20'],
    ]);
  });

  it('leaves no file keys behind', () => {
    const json = JSON.stringify(anonymous);

    expect(json).not.toContain(attachmentKey);
    expect(json).not.toContain(laterKey);
    expect(json).not.toContain(pdfKey);
  });

  it('is idempotent: an anonymised complaint comes back as it is', () => {
    expect(anonymise(anonymous, '2040-01-01')).toBe(anonymous);
  });

  it('leaves absent optional texts absent', () => {
    const plain: ComplaintState = {
      ...state,
      stage1: { receivedOn: '2025-06-02', extensions: [] },
    };
    const {
      outcomeSought: _o,
      closure: _c,
      escalation: _e,
      stage2: _s,
      ...bare
    } = plain;

    const result = anonymise(bare, ON);

    expect(result).not.toHaveProperty('outcomeSought');
    expect(result).not.toHaveProperty('closure');
    expect(result).not.toHaveProperty('escalation');
    expect(result.stage1).toEqual({ receivedOn: '2025-06-02', extensions: [] });
  });
});

describe('anonymiseEvent', () => {
  const anonymised = decisions.map((d) => ({
    ...d,
    events: d.events.map(anonymiseEvent),
    intents: d.intents.map(anonymiseIntent),
  }));

  it('folds to the anonymised state, so the record and the state agree', () => {
    const { anonymisedOn: _a, ...expected } = anonymous;

    expect(fold(anonymised)).toEqual(expected);
  });

  it('leaves nothing personal in any event or intent', () => {
    expect(leaks(anonymised)).toEqual([]);
  });

  it('is idempotent', () => {
    for (const d of anonymised) {
      expect(d.events.map(anonymiseEvent)).toEqual(d.events);
    }
  });

  const meta = { at: '2025-06-02T09:00:00Z', by: 'officer-ana' } as const;
  const issue = { id: 'i9', summary: 'PII her neighbour', inScope: false };
  const cases: [ComplaintEvent, ComplaintEvent][] = [
    [
      {
        ...meta,
        type: 'classified',
        from: 'service-request',
        to: 'complaint',
        reason: 'PII unhappy with the repair',
        informal: false,
      },
      {
        ...meta,
        type: 'classified',
        from: 'service-request',
        to: 'complaint',
        reason: '',
        informal: false,
      },
    ],
    [
      {
        ...meta,
        type: 'logged-at-stage-1',
        receivedOn: '2025-06-03',
        reason: 'PII',
      },
      {
        ...meta,
        type: 'logged-at-stage-1',
        receivedOn: '2025-06-03',
        reason: '',
      },
    ],
    [
      {
        ...meta,
        type: 'resolved-informally',
        resolution: 'PII fixed',
        on: '2025-06-04',
      },
      {
        ...meta,
        type: 'resolved-informally',
        resolution: '',
        on: '2025-06-04',
      },
    ],
    [
      {
        ...meta,
        type: 'declined',
        exclusionCode: 'legal-proceedings',
        reasons: 'PII claim filed',
        discretion: 'PII considered',
        on: '2025-06-04',
      },
      {
        ...meta,
        type: 'declined',
        exclusionCode: 'legal-proceedings',
        reasons: '',
        discretion: '',
        on: '2025-06-04',
      },
    ],
    [
      {
        ...meta,
        type: 'issue-logged-as-new-complaint',
        issue,
        complaintId: 'HTH-2025-000002',
      },
      {
        ...meta,
        type: 'issue-logged-as-new-complaint',
        issue: { id: 'i9', summary: '', inScope: false },
        complaintId: 'HTH-2025-000002',
      },
    ],
    [
      {
        ...meta,
        type: 'escalation-refused',
        groundCode: 'previously-considered',
        reasons: 'PII',
        on: '2025-06-05',
      },
      {
        ...meta,
        type: 'escalation-refused',
        groundCode: 'previously-considered',
        reasons: '',
        on: '2025-06-05',
      },
    ],
    [
      { ...meta, type: 'withdrawn', reason: 'PII moved', on: '2025-06-06' },
      { ...meta, type: 'withdrawn', reason: '', on: '2025-06-06' },
    ],
    [
      { ...meta, type: 'reopened', reason: 'PII', to: 'stage1-responded' },
      { ...meta, type: 'reopened', reason: '', to: 'stage1-responded' },
    ],
    [
      { ...meta, type: 'closed', reason: 'PII', on: '2025-06-07' },
      { ...meta, type: 'closed', reason: '', on: '2025-06-07' },
    ],
    [
      {
        ...meta,
        type: 'remedy-recorded',
        remedy: {
          id: 'r1',
          stage: 1,
          recordedOn: '2025-06-07',
          kind: 'financial',
          description: 'PII',
          amountPence: 2500,
        },
      },
      {
        ...meta,
        type: 'remedy-recorded',
        remedy: {
          id: 'r1',
          stage: 1,
          recordedOn: '2025-06-07',
          kind: 'financial',
          description: '',
          amountPence: 2500,
        },
      },
    ],
    [
      {
        ...meta,
        type: 'action-added',
        action: {
          id: 'a1',
          stage: 1,
          recordedOn: '2025-06-07',
          description: 'PII',
          owner: 'repairs-team',
        },
      },
      {
        ...meta,
        type: 'action-added',
        action: {
          id: 'a1',
          stage: 1,
          recordedOn: '2025-06-07',
          description: '',
          owner: 'repairs-team',
        },
      },
    ],
  ];

  it.each(cases)('blanks the free text of $type', (event, expected) => {
    expect(anonymiseEvent(event)).toEqual(expected);
  });

  const unchanged: ComplaintEvent[] = [
    {
      ...meta,
      type: 'complaint-raised-from-request',
      complaintId: 'HTH-2025-000003',
    },
    { ...meta, type: 'meeting-recorded', stage: 2, heldOn: '2025-07-02' },
    { ...meta, type: 'remedy-completed', remedyId: 'r1', on: '2025-07-02' },
    { ...meta, type: 'action-completed', actionId: 'a1', on: '2025-07-02' },
    { ...meta, type: 'letter-posted', letterId: 'l1', on: '2025-07-02' },
    {
      ...meta,
      type: 'clock-breached',
      clockId: 'stage1.respond',
      dueOn: '2025-07-01',
    },
    {
      ...meta,
      type: 'clock-reminded',
      clockId: 'stage1.respond',
      dueOn: '2025-07-01',
    },
  ];

  it.each(unchanged)('keeps $type as it is: no free text', (event) => {
    expect(anonymiseEvent(event)).toBe(event);
  });
});

describe('anonymiseIntent', () => {
  it("blanks a linked complaint's issue and leaves other intents alone", () => {
    const linked: Intent = {
      type: 'open-linked-complaint',
      complaintId: 'HTH-2025-000002',
      fromComplaintId: 'HTH-2025-000001',
      issue: { id: 'i9', summary: 'PII damp in the bedroom', inScope: true },
    };
    const letter: Intent = {
      type: 'send-letter',
      letterId: 'HTH-2025-000001/closure/20',
      kind: 'closure',
    };

    expect(anonymiseIntent(linked)).toEqual({
      ...linked,
      issue: { id: 'i9', summary: '', inScope: true },
    });
    expect(anonymiseIntent(letter)).toBe(letter);
  });
});
