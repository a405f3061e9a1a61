/**
 * Every staff command as a form: its fields, the values it starts with,
 * and how the fields sent become the command (which the command's own zod
 * schema then checks, and the domain decides). One entry per command the
 * domain's `availableCommands` can list, so the two cannot drift apart.
 */
import {
  type AvailableCommandType,
  type ComplaintState,
  type IsoDate,
  type Policy,
  responseDue,
  type Stage,
  type WorkingCalendar,
} from '@hearth/domain';
import {
  classifications,
  decisions,
  remedyKinds,
  restrictionKinds,
} from '../shared/contracts/index.js';
import { formatDate } from '../shared/pages/render.js';
import type { Staff } from '../shared/staff.js';
import type { Field, Option } from './fields.js';
import {
  dateOf,
  defined,
  groupOf,
  instantOf,
  linesOf,
  penceOf,
  rowsOf,
  textOf,
} from './input.js';
import { channelLabels, remedyLabels, restrictionLabels } from './labels.js';

export interface FormContext {
  readonly state: ComplaintState;
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
  readonly today: IsoDate;
  readonly staff: Staff;
  /** The stage a stage command is for: the open one. */
  readonly stage: Stage;
}

type Form = Record<string, unknown>;

export interface ActionSpec {
  /** What the form does, as its heading: "Acknowledge and define". */
  readonly title: string;
  readonly submit: string;
  /** The success banner. */
  readonly done: string;
  /** Shown beside one item (a remedy, a letter…) rather than as a form of its own. */
  readonly item?:
    | 'remedyId'
    | 'actionId'
    | 'requestId'
    | 'restrictionId'
    | 'letterId';
  /** The command may send the resident a letter, so it can be previewed. */
  readonly letter?: true;
  fields(ctx: FormContext): Field[];
  /** Starting values, as a form would send them. */
  defaults?(ctx: FormContext): Form;
  /** The command's fields (all but `type`), from the form. */
  build(form: Form, ctx: FormContext): Record<string, unknown>;
}

const options = <T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
): Option[] => values.map((value) => ({ value, text: labels[value] }));

const decisionOptions = options(decisions, {
  upheld: 'Upheld',
  'partly-upheld': 'Partly upheld',
  'not-upheld': 'Not upheld',
});
const remedyOptions = options(remedyKinds, remedyLabels);
const channelOptions = options(
  Object.keys(channelLabels) as (keyof typeof channelLabels)[],
  channelLabels,
);
const restrictionOptions = options(restrictionKinds, restrictionLabels);
const classificationLabels = {
  complaint: 'Complaint',
  'service-request': 'Service request',
  compliment: 'Compliment',
  comment: 'Comment',
} as const;

const textarea = (name: string, label: string, hint?: string): Field => ({
  kind: 'textarea',
  name,
  label,
  ...(hint === undefined ? {} : { hint }),
});

const ISSUE_ROWS = 5;
const REMEDY_ROWS = 3;
const ACTION_ROWS = 3;

function remedyFields(at: (f: string) => string, n = ''): Field[] {
  const remedy = n === '' ? 'the remedy' : `remedy ${n}`;
  return [
    {
      kind: 'select',
      name: at('kind'),
      label: `Kind of ${remedy}`,
      options: remedyOptions,
    },
    textarea(at('description'), `What ${remedy} is`),
    {
      kind: 'text',
      name: at('amountPence'),
      label: `Amount of ${remedy} (if financial)`,
      prefix: '£',
      width: 5,
      inputmode: 'decimal',
    },
    // A response says by when (Code 7.3); recorded on its own, it may wait.
    n === ''
      ? {
          kind: 'date',
          name: at('dueOn'),
          label: `Date for ${remedy} to be done (optional)`,
        }
      : {
          kind: 'date',
          name: at('dueOn'),
          label: `Date for ${remedy} to be done`,
          hint: 'Not needed for an apology, acknowledgement or explanation: the letter gives those',
        },
  ];
}

function remedyOf(row: Form) {
  return defined({
    kind: textOf(row, 'kind'),
    description: textOf(row, 'description') ?? '',
    amountPence: penceOf(row.amountPence),
    dueOn: dateOf(row.dueOn),
  });
}

function actionFields(at: (f: string) => string, n = ''): Field[] {
  const action = n === '' ? 'the action' : `action ${n}`;
  return [
    textarea(at('description'), `What ${action} is`),
    {
      kind: 'text',
      name: at('owner'),
      label: `Who will do ${action} (optional)`,
      width: 20,
    },
    // A response gives each outstanding action a date (Code 6.6).
    {
      kind: 'date',
      name: at('dueOn'),
      label: `Date for ${action} to be done${n === '' ? ' (optional)' : ''}`,
    },
  ];
}

function actionOf(row: Form) {
  return defined({
    description: textOf(row, 'description') ?? '',
    owner: textOf(row, 'owner'),
    dueOn: dateOf(row.dueOn),
  });
}

const issueIdPattern = /^i(\d+)$/;

/** The next free issue id of the stage's definition: `i3` after `i1`, `i2`. */
function nextIssueId(state: ComplaintState): string {
  const used = [state.stage1, state.stage2].flatMap(
    (s) => s?.definition?.issues.map((i) => i.id) ?? [],
  );
  const top = Math.max(
    0,
    ...used.map((id) => Number(issueIdPattern.exec(id)?.[1] ?? 0)),
  );
  return `i${top + 1}`;
}

/** The issues of the stage's definition (stage 2 starts from stage 1's). */
function definitionFor(ctx: FormContext) {
  const record = ctx.stage === 2 ? ctx.state.stage2 : ctx.state.stage1;
  return (
    record?.definition ??
    (ctx.stage === 2 ? ctx.state.stage1?.definition : undefined)
  );
}

export const actionSpecs: Record<AvailableCommandType, ActionSpec> = {
  acknowledge: {
    title: 'Acknowledge and define the complaint',
    submit: 'Acknowledge',
    done: 'The complaint is acknowledged and its definition recorded.',
    letter: true,
    fields: (ctx) => {
      const rows = Math.max(
        ISSUE_ROWS,
        (definitionFor(ctx)?.issues.length ?? 0) + 2,
      );
      return [
        ...Array.from({ length: rows }, (_, i): Field => {
          const at = (f: string) => `definition.issues.${i}.${f}`;
          return {
            kind: 'group',
            legend: `Issue ${i + 1}${i === 0 ? '' : ' (optional)'}`,
            fields: [
              {
                kind: 'text',
                name: at('summary'),
                label: `Summary of issue ${i + 1}`,
                hint: 'What the resident is unhappy about, as we understand it',
              },
              {
                kind: 'checkboxes',
                name: at('notOurs'),
                label: `Responsibility for issue ${i + 1}`,
                options: [
                  {
                    value: 'true',
                    text: 'Not the landlord’s responsibility (Code 5.7)',
                  },
                ],
              },
              {
                kind: 'text',
                name: at('signpost'),
                label: `Where to send the resident about issue ${i + 1} (if not ours)`,
              },
            ],
          };
        }),
        textarea(
          'definition.outcomesSought',
          'Outcomes the resident wants',
          'One on each line',
        ),
      ];
    },
    defaults: (ctx) => {
      const definition = definitionFor(ctx);
      return {
        definition: {
          issues: (definition?.issues ?? []).map((i) =>
            defined({
              summary: i.summary,
              notOurs: i.inScope ? undefined : 'true',
              signpost: i.signpost,
            }),
          ),
          outcomesSought: (
            definition?.outcomesSought ??
            (ctx.state.outcomeSought === undefined
              ? []
              : [ctx.state.outcomeSought])
          ).join('\n'),
        },
      };
    },
    build: (form, ctx) => {
      const definition = groupOf(form, 'definition');
      return {
        stage: ctx.stage,
        definition: {
          issues: rowsOf(definition, 'issues').map((row, i) =>
            defined({
              id: `i${i + 1}`,
              summary: textOf(row, 'summary') ?? '',
              inScope: textOf(row, 'notOurs') !== 'true',
              signpost: textOf(row, 'signpost'),
            }),
          ),
          outcomesSought: linesOf(definition.outcomesSought),
        },
      };
    },
  },
  assign: {
    title: 'Assign a handler',
    submit: 'Assign',
    done: 'The handler is assigned.',
    fields: (ctx) => [
      {
        kind: 'text',
        name: 'handler',
        label: 'Handler’s user name',
        hint:
          ctx.stage === 2
            ? 'Not the person who handled or answered stage 1 (Code 6.13)'
            : 'The officer who will handle stage 1',
        width: 20,
      },
    ],
    defaults: (ctx) => ({
      handler:
        (ctx.stage === 1 ? ctx.state.stage1 : ctx.state.stage2)?.handler ??
        (ctx.stage === 1 ? ctx.staff.username : undefined),
    }),
    build: (form, ctx) => ({
      stage: ctx.stage,
      handler: textOf(form, 'handler') ?? '',
    }),
  },
  'request-clarification': {
    title: 'Ask the resident to clarify',
    submit: 'Send the questions',
    done: 'The questions are sent to the resident.',
    letter: true,
    fields: () => [textarea('questions', 'What the resident needs to clarify')],
    build: (form, ctx) => ({
      stage: ctx.stage,
      questions: textOf(form, 'questions') ?? '',
    }),
  },
  extend: {
    title: 'Extend the response date',
    submit: 'Extend',
    done: 'The response date is extended and the resident told why.',
    letter: true,
    fields: (ctx) => {
      const due = responseDue(ctx.state, ctx.stage, ctx.policy, ctx.calendar);
      const rules = ctx.stage === 1 ? ctx.policy.stage1 : ctx.policy.stage2;
      const cap = rules.extension.maxWorkingDays;
      const latest =
        due === undefined || cap === null
          ? undefined
          : ctx.calendar.addWorkingDays(due.baseDueOn, cap);
      const hint = [
        due === undefined ? '' : `Now due ${formatDate(due.dueOn)}.`,
        latest === undefined
          ? ''
          : `No later than ${formatDate(latest)} (${cap} working days) without a good reason.`,
      ]
        .filter(Boolean)
        .join(' ');
      return [
        {
          kind: 'date',
          name: 'newDueOn',
          label: 'New response date',
          ...(hint === '' ? {} : { hint }),
        },
        {
          kind: 'text',
          name: 'workingDays',
          label: 'Or: working days to add to the date now due',
          width: 3,
          inputmode: 'numeric',
        },
        textarea(
          'reasons',
          'Reasons for the extension',
          'The resident is told these (Code 6.4)',
        ),
        textarea(
          'goodReason',
          'Good reason for going past the limit (only if needed)',
        ),
      ];
    },
    build: (form, ctx) => {
      const date = dateOf(form.newDueOn);
      const days = textOf(form, 'workingDays');
      const due = responseDue(ctx.state, ctx.stage, ctx.policy, ctx.calendar);
      let newDueOn = date;
      if (newDueOn === undefined && days !== undefined) {
        newDueOn =
          /^[1-9]\d{0,2}$/.test(days) && due !== undefined
            ? ctx.calendar.addWorkingDays(due.dueOn, Number(days))
            : 'invalid';
      }
      return defined({
        stage: ctx.stage,
        newDueOn,
        reasons: textOf(form, 'reasons') ?? '',
        goodReason: textOf(form, 'goodReason'),
      });
    },
  },
  'record-meeting': {
    title: 'Record the review meeting',
    submit: 'Record the meeting',
    done: 'The meeting is recorded.',
    fields: () => [{ kind: 'date', name: 'heldOn', label: 'Date it was held' }],
    build: (form, ctx) =>
      defined({ stage: ctx.stage, heldOn: dateOf(form.heldOn) }),
  },
  respond: {
    title: 'Send the response',
    submit: 'Send the response',
    done: 'The response is recorded and sent to the resident.',
    letter: true,
    fields: (ctx) => [
      ...(definitionFor(ctx)?.issues ?? []).map(
        (issue, i): Field => ({
          kind: 'group',
          legend: `Issue ${i + 1}: ${issue.summary}`,
          fields: [
            {
              kind: 'hidden',
              name: `decisions.${i}.issueId`,
              value: issue.id,
            },
            {
              kind: 'radios',
              name: `decisions.${i}.decision`,
              label: `Decision on issue ${i + 1}`,
              options: decisionOptions,
              inline: true,
            },
            textarea(
              `decisions.${i}.reasons`,
              `Reasons for the decision on issue ${i + 1}`,
            ),
          ],
        }),
      ),
      textarea('summary', 'Summary of the response'),
      ...Array.from(
        { length: REMEDY_ROWS },
        (_, i): Field => ({
          kind: 'group',
          legend: `Remedy ${i + 1} (optional)`,
          fields: remedyFields((f) => `remedies.${i}.${f}`, String(i + 1)),
        }),
      ),
      ...Array.from(
        { length: ACTION_ROWS },
        (_, i): Field => ({
          kind: 'group',
          legend: `Outstanding action ${i + 1} (optional)`,
          fields: actionFields((f) => `actions.${i}.${f}`, String(i + 1)),
        }),
      ),
    ],
    build: (form, ctx) => {
      const remedies = rowsOf(form, 'remedies').map(remedyOf);
      const actions = rowsOf(form, 'actions').map(actionOf);
      return {
        stage: ctx.stage,
        decisions: rowsOf(form, 'decisions').map((row) =>
          defined({
            issueId: textOf(row, 'issueId') ?? '',
            decision: textOf(row, 'decision'),
            reasons: textOf(row, 'reasons') ?? '',
          }),
        ),
        summary: textOf(form, 'summary') ?? '',
        ...(remedies.length === 0 ? {} : { remedies }),
        ...(actions.length === 0 ? {} : { actions }),
      };
    },
  },
  'add-issue': {
    title: 'Add an issue',
    submit: 'Add the issue',
    done: 'The issue is recorded.',
    fields: (ctx) => {
      const acknowledged =
        ctx.state.status === `stage${ctx.stage}-acknowledged`;
      return [
        {
          kind: 'text',
          name: 'issue.summary',
          label: 'What the resident is now unhappy about',
          hint: acknowledged
            ? 'It is added to the complaint definition (Code 6.7)'
            : 'It is logged as a new complaint, linked to this one (Code 6.8)',
        },
        {
          kind: 'checkboxes',
          name: 'issue.notOurs',
          label: 'Responsibility',
          options: [
            { value: 'true', text: 'Not the landlord’s responsibility' },
          ],
        },
        {
          kind: 'text',
          name: 'issue.signpost',
          label: 'Where to send the resident instead (if not ours)',
        },
        ...(acknowledged
          ? [
              {
                kind: 'checkboxes',
                name: 'asNewComplaint',
                label: 'New complaint',
                options: [
                  {
                    value: 'true',
                    text: 'Log it as a new complaint instead: adding it would unreasonably delay the response',
                  },
                ],
              } satisfies Field,
            ]
          : []),
      ];
    },
    build: (form, ctx) => {
      const issue = groupOf(form, 'issue');
      const acknowledged =
        ctx.state.status === `stage${ctx.stage}-acknowledged`;
      const asNew = textOf(form, 'asNewComplaint') === 'true';
      // Before the acknowledgement an issue is either in the definition
      // or a complaint of its own: the form offers only the latter.
      const received = ctx.state.status.endsWith('-received');
      return {
        issue: defined({
          id: nextIssueId(ctx.state),
          summary: textOf(issue, 'summary') ?? '',
          inScope: textOf(issue, 'notOurs') !== 'true',
          signpost: textOf(issue, 'signpost'),
        }),
        ...((acknowledged && asNew) || received
          ? { asNewComplaint: true }
          : {}),
      };
    },
  },
  classify: {
    title: 'Reclassify',
    submit: 'Reclassify',
    done: 'The record is reclassified.',
    letter: true,
    fields: (ctx) => [
      {
        kind: 'radios',
        name: 'classification',
        label: 'What this contact is',
        options: classifications
          .filter((c) => c !== ctx.state.classification)
          .map((c) => ({ value: c, text: classificationLabels[c] })),
      },
      textarea('reason', 'Why'),
    ],
    build: (form) =>
      defined({
        classification: textOf(form, 'classification'),
        reason: textOf(form, 'reason') ?? '',
      }),
  },
  'raise-complaint': {
    title: 'Note a complaint raised from this request',
    submit: 'Record it',
    done: 'The complaint is linked to this request.',
    fields: () => [
      {
        kind: 'text',
        name: 'complaintId',
        label: 'The complaint’s reference',
        hint: 'For example, HTH-2026-000123',
        width: 20,
      },
    ],
    build: (form) => ({ complaintId: textOf(form, 'complaintId') ?? '' }),
  },
  'log-at-stage-1': {
    title: 'Move to stage 1',
    submit: 'Move to stage 1',
    done: 'The complaint is at stage 1.',
    fields: () => [
      textarea('reason', 'Why it could not be resolved informally'),
    ],
    build: (form) => ({ reason: textOf(form, 'reason') ?? '' }),
  },
  'resolve-informally': {
    title: 'Resolve informally',
    submit: 'Record the resolution',
    done: 'The informal resolution is recorded.',
    fields: () => [textarea('resolution', 'How it was resolved')],
    build: (form) => ({ resolution: textOf(form, 'resolution') ?? '' }),
  },
  decline: {
    title: 'Decline the complaint',
    submit: 'Decline',
    done: 'The complaint is declined and the resident told why.',
    letter: true,
    fields: (ctx) => [
      {
        kind: 'select',
        name: 'exclusionCode',
        label: 'Ground in the policy',
        options: ctx.policy.exclusions.map((e) => ({
          value: e.code,
          text: e.label,
        })),
      },
      textarea(
        'reasons',
        'Reasons',
        'The resident is told these, and that they may go to the Ombudsman (Code 2.4)',
      ),
      textarea(
        'discretion',
        'Discretion considered (for a complaint out of time)',
        'Code 2.3',
      ),
    ],
    build: (form) =>
      defined({
        exclusionCode: textOf(form, 'exclusionCode') ?? '',
        reasons: textOf(form, 'reasons') ?? '',
        discretion: textOf(form, 'discretion'),
      }),
  },
  'request-escalation': {
    title: 'Record a request for stage 2',
    submit: 'Record the request',
    done: 'The request for stage 2 is recorded.',
    fields: () => [
      {
        kind: 'datetime',
        name: 'receivedAt',
        label: 'When the resident asked',
      },
      {
        kind: 'select',
        name: 'channel',
        label: 'How they asked',
        options: channelOptions,
      },
      textarea(
        'reasons',
        'Their reasons (optional)',
        'Never required: a resident need not give reasons (Code 6.12)',
      ),
    ],
    build: (form) =>
      defined({
        receivedAt: instantOf(form.receivedAt) ?? '',
        channel: textOf(form, 'channel'),
        reasons: textOf(form, 'reasons'),
      }),
  },
  'refuse-escalation': {
    title: 'Refuse to escalate',
    submit: 'Refuse',
    done: 'The escalation is refused and the resident told why.',
    letter: true,
    fields: (ctx) => [
      {
        kind: 'select',
        name: 'groundCode',
        label: 'Ground in the policy',
        options: ctx.policy.escalation.refusalGrounds.map((g) => ({
          value: g.code,
          text: g.label,
        })),
      },
      textarea('reasons', 'Reasons', 'The resident is told these (Code 5.11)'),
    ],
    build: (form) => ({
      groundCode: textOf(form, 'groundCode') ?? '',
      reasons: textOf(form, 'reasons') ?? '',
    }),
  },
  'record-remedy': {
    title: 'Record a remedy',
    submit: 'Record the remedy',
    done: 'The remedy is recorded.',
    fields: () => remedyFields((f) => `remedy.${f}`),
    build: (form) => ({ remedy: remedyOf(groupOf(form, 'remedy')) }),
  },
  'complete-remedy': {
    title: 'Mark the remedy done',
    submit: 'Mark done',
    done: 'The remedy is marked done.',
    item: 'remedyId',
    fields: () => [],
    build: (form) => ({ remedyId: textOf(form, 'remedyId') ?? '' }),
  },
  'add-action': {
    title: 'Add an outstanding action',
    submit: 'Add the action',
    done: 'The action is recorded.',
    fields: () => actionFields((f) => `action.${f}`),
    build: (form) => ({ action: actionOf(groupOf(form, 'action')) }),
  },
  'complete-action': {
    title: 'Mark the action done',
    submit: 'Mark done',
    done: 'The action is marked done.',
    item: 'actionId',
    fields: () => [],
    build: (form) => ({ actionId: textOf(form, 'actionId') ?? '' }),
  },
  'record-correspondence': {
    title: 'Record correspondence',
    submit: 'Record it',
    done: 'The correspondence is recorded.',
    fields: () => [
      {
        kind: 'radios',
        name: 'direction',
        label: 'Direction',
        options: [
          { value: 'in', text: 'From the resident' },
          { value: 'out', text: 'To the resident' },
        ],
        inline: true,
      },
      {
        kind: 'select',
        name: 'channel',
        label: 'How',
        options: channelOptions,
      },
      { kind: 'datetime', name: 'at', label: 'When' },
      textarea('summary', 'What was said'),
    ],
    build: (form) =>
      defined({
        direction: textOf(form, 'direction'),
        channel: textOf(form, 'channel'),
        at: instantOf(form.at) ?? '',
        summary: textOf(form, 'summary') ?? '',
      }),
  },
  'mark-letter-posted': {
    title: 'Mark the letter posted',
    submit: 'Mark posted',
    done: 'The letter is marked as posted today.',
    item: 'letterId',
    fields: () => [],
    build: (form) => ({ letterId: textOf(form, 'letterId') ?? '' }),
  },
  'record-evidence-request': {
    title: 'Record an Ombudsman request for evidence',
    submit: 'Record the request',
    done: 'The Ombudsman’s request is recorded.',
    fields: (ctx) => [
      { kind: 'date', name: 'receivedOn', label: 'Date received' },
      textarea('description', 'What the Ombudsman asked for'),
      {
        kind: 'date',
        name: 'dueOn',
        label: 'Date the Ombudsman set (optional)',
        hint: `Leave blank for ${ctx.policy.ombudsman.evidenceWorkingDays} working days after it was received`,
      },
    ],
    build: (form) =>
      defined({
        receivedOn: dateOf(form.receivedOn),
        description: textOf(form, 'description') ?? '',
        dueOn: dateOf(form.dueOn),
      }),
  },
  'provide-evidence': {
    title: 'Mark the evidence sent',
    submit: 'Mark sent',
    done: 'The evidence is marked as sent.',
    item: 'requestId',
    fields: () => [],
    build: (form) => ({ requestId: textOf(form, 'requestId') ?? '' }),
  },
  'restrict-contact': {
    title: 'Restrict contact',
    submit: 'Restrict contact',
    done: 'The restriction is recorded.',
    fields: () => [
      {
        kind: 'select',
        name: 'kind',
        label: 'Restriction',
        options: restrictionOptions,
      },
      textarea('reasons', 'Reasons (Code 5.14)'),
      textarea('equalityActConsideration', 'Equality Act 2010 considerations'),
      {
        kind: 'text',
        name: 'approvedBy',
        label: 'Approved by',
        width: 20,
      },
      { kind: 'date', name: 'reviewOn', label: 'Review date' },
    ],
    build: (form) =>
      defined({
        kind: textOf(form, 'kind'),
        reasons: textOf(form, 'reasons') ?? '',
        equalityActConsideration:
          textOf(form, 'equalityActConsideration') ?? '',
        approvedBy: textOf(form, 'approvedBy') ?? '',
        reviewOn: dateOf(form.reviewOn),
      }),
  },
  'review-restriction': {
    title: 'Review the restriction',
    submit: 'Record the review',
    done: 'The review is recorded.',
    item: 'restrictionId',
    fields: () => [
      {
        kind: 'radios',
        name: 'outcome',
        label: 'Outcome',
        options: [
          { value: 'continue', text: 'Continue it' },
          { value: 'lift', text: 'Lift it' },
        ],
        inline: true,
      },
      {
        kind: 'date',
        name: 'nextReviewOn',
        label: 'Next review date (if it continues)',
      },
      textarea('notes', 'Notes'),
    ],
    build: (form) =>
      defined({
        restrictionId: textOf(form, 'restrictionId') ?? '',
        outcome: textOf(form, 'outcome'),
        nextReviewOn: dateOf(form.nextReviewOn),
        notes: textOf(form, 'notes') ?? '',
      }),
  },
  close: {
    title: 'Close the complaint',
    submit: 'Close',
    done: 'The complaint is closed.',
    letter: true,
    fields: () => [
      textarea('reason', 'Why it is being closed'),
      textarea(
        'learning',
        'What we learned (optional)',
        'For the annual report and the Board (Code 9.1)',
      ),
    ],
    build: (form) =>
      defined({
        reason: textOf(form, 'reason') ?? '',
        learning: textOf(form, 'learning'),
      }),
  },
  withdraw: {
    title: 'Record a withdrawal',
    submit: 'Record the withdrawal',
    done: 'The withdrawal is recorded.',
    letter: true,
    fields: () => [textarea('reason', 'What the resident said')],
    build: (form) => ({ reason: textOf(form, 'reason') ?? '' }),
  },
  reopen: {
    title: 'Reopen',
    submit: 'Reopen',
    done: 'The complaint is reopened.',
    fields: () => [textarea('reason', 'Why it is being reopened')],
    build: (form) => ({ reason: textOf(form, 'reason') ?? '' }),
  },
};
