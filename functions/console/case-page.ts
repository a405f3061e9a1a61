/**
 * The case page: who complained, about what and when; the definition and
 * issues; the clocks; the timeline of every event and letter; remedies
 * and actions; and a form for every command the domain allows now.
 */
import {
  type AvailableCommandType,
  availableCommands,
  type ComplaintState,
  formatPounds,
  type IsoDate,
  type Policy,
  runningClocks,
  type Stage,
  type WorkingCalendar,
} from '@hearth/domain';
import type { StoredDecision } from '../shared/adapters/dynamodb/complaint-repository.js';
import { clockState } from '../shared/case-views.js';
import { type FieldError, fieldId } from '../shared/pages/http.js';
import { formatDate, formatInstant } from '../shared/pages/render.js';
import type { Staff } from '../shared/staff.js';
import { type ActionSpec, actionSpecs, type FormContext } from './actions.js';
import { errorSummary, type RenderedField, renderFields } from './fields.js';
import {
  channelLabel,
  clockTag,
  eventText,
  letterLabel,
  letterStatusLabels,
  remedyLabels,
  restrictionLabels,
  statusLabel,
} from './labels.js';

type Form = Record<string, unknown>;

/** A form that was sent and refused: shown again with what was typed. */
export interface Failed {
  readonly key: string;
  readonly values: Form;
  readonly errors: readonly FieldError[];
  /** A refusal that names no field of the form. */
  readonly formError?: string;
}

export interface FormView {
  readonly key: string;
  readonly type: AvailableCommandType;
  readonly title: string;
  readonly submit: string;
  readonly letter: boolean;
  readonly action: string;
  readonly version: number;
  readonly item?: { readonly name: string; readonly value: string };
  readonly fields: readonly RenderedField[];
  readonly formError?: string;
  readonly open: boolean;
}

/** The page path of a complaint. */
export function casePath(reference: string): string {
  return `/console/complaints/${encodeURIComponent(reference)}`;
}

/** A letter's PDF and posted paths: `/console/letters/<ref>/<kind>/<version>`. */
export function letterPath(reference: string, letterId: string): string {
  const rest = letterId.slice(letterId.indexOf('/') + 1);
  return `/console/letters/${encodeURIComponent(reference)}/${rest
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`;
}

/** The form's key: its type, and for an item form the item it is for. */
export function formKey(type: string, item?: string): string {
  return item === undefined ? type : `${type}-${fieldId(item)}`;
}

/** The stage a command is for: the one `availableCommands` names, else the latest. */
export function stageFor(
  state: ComplaintState,
  type: AvailableCommandType,
  policy: Policy,
  calendar: WorkingCalendar,
  today: IsoDate,
): Stage {
  const listed = availableCommands(state, policy, calendar, today).find(
    (c) => c.type === type,
  );
  return listed?.stage ?? (state.stage2 === undefined ? 1 : 2);
}

/** One command's form, with values and errors in place. */
export function formView(
  type: AvailableCommandType,
  ctx: FormContext,
  failed: Failed | undefined,
  item?: string,
): FormView {
  const spec: ActionSpec = actionSpecs[type];
  const key = formKey(type, item);
  const mine = failed?.key === key ? failed : undefined;
  const fields = spec.fields(ctx);
  return {
    key,
    type,
    title: spec.title,
    submit: spec.submit,
    letter: spec.letter === true,
    action: `${casePath(ctx.state.reference)}/actions/${type}`,
    version: ctx.state.version,
    ...(spec.item === undefined || item === undefined
      ? {}
      : { item: { name: spec.item, value: item } }),
    fields: renderFields(
      key,
      fields,
      mine?.values ?? spec.defaults?.(ctx) ?? {},
      mine?.errors ?? [],
    ),
    ...(mine?.formError === undefined ? {} : { formError: mine.formError }),
    open: mine !== undefined,
  };
}

const row = (key: string, value: string | undefined) =>
  value === undefined || value === ''
    ? undefined
    : { key: { text: key }, value: { text: value } };

const rows = (...all: ({ key: object; value: object } | undefined)[]) =>
  all.filter((r) => r !== undefined);

const date = (d: string | undefined) =>
  d === undefined ? undefined : formatDate(d);

export interface CaseInput {
  readonly state: ComplaintState;
  readonly history: readonly StoredDecision[];
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
  readonly today: IsoDate;
  readonly staff: Staff;
  readonly canAct: boolean;
  readonly failed?: Failed;
}

/** Everything `console/case.njk` shows. */
export function caseContext(input: CaseInput) {
  const { state, policy, calendar, today, staff } = input;
  const available = input.canAct
    ? availableCommands(state, policy, calendar, today)
    : [];
  const offered = new Set(available.map((c) => c.type));
  const ctxFor = (type: AvailableCommandType): FormContext => ({
    state,
    policy,
    calendar,
    today,
    staff,
    stage:
      available.find((c) => c.type === type)?.stage ??
      (state.stage2 === undefined ? 1 : 2),
  });
  const itemForm = (type: AvailableCommandType, id: string) =>
    offered.has(type)
      ? formView(type, ctxFor(type), input.failed, id)
      : undefined;
  const { resident, representative } = state;

  return {
    title: `Complaint ${state.reference}`,
    section: 'case' as const,
    complaint: state,
    status: statusLabel(state.status),
    clocks: runningClocks(state, policy, calendar).map((c) => ({
      label: c.label,
      dueOn: formatDate(c.dueOn),
      tag: clockTag(
        c.breachOn === null ? 'target' : clockState(c.dueOn, today, policy),
      ),
    })),
    details: rows(
      row('Reference', state.reference),
      row('Status', statusLabel(state.status)),
      row('Classification', state.classification.replace('-', ' ')),
      row('How it came in', channelLabel(state.channel)),
      row('Received', formatInstant(state.receivedAt)),
      row('What happened', state.summary),
      row('Outcome wanted', state.outcomeSought),
      row('Category', state.category),
      row('When it happened', date(state.issueDate)),
      row('When the resident became aware', date(state.awareDate)),
      row('Time limit ends', date(state.timeLimitEndsOn)),
      row('Stage 1 handler', state.stage1?.handler),
      row('Stage 2 handler', state.stage2?.handler),
      row('Linked from', state.linkedFromComplaintId),
      row('Linked complaints', state.linkedComplaintIds.join(', ')),
    ),
    resident: rows(
      row('Name', resident.name),
      row('Email', resident.email),
      row('Phone', resident.phone),
      row('Address', resident.address?.join(', ')),
      row('Prefers contact by', resident.preferredContact),
      row('Formats', resident.formats.join(', ') || 'Standard'),
      row('Language', resident.language),
      row('Tenure', resident.tenure),
    ),
    representative:
      representative === undefined
        ? undefined
        : rows(
            row('Name', representative.name),
            row('Relationship', representative.relationship),
            row('Email', representative.email),
            row('Phone', representative.phone),
            row('Address', representative.address?.join(', ')),
            row(
              'Consent',
              representative.consentOn === undefined
                ? 'Not recorded: letters go to the resident only'
                : `Given ${formatDate(representative.consentOn)}`,
            ),
          ),
    adjustments: state.adjustments.map((a) => ({
      description: a.description,
      reviewOn: date(a.reviewOn),
    })),
    vulnerability: state.vulnerability,
    stages: ([1, 2] as const).flatMap((n) => {
      const record = n === 1 ? state.stage1 : state.stage2;
      if (record === undefined) return [];
      return [
        {
          stage: n,
          // The policy's own name for the stage, e.g. "Stage 1" or "Review".
          heading: ((name: string) =>
            name.toLowerCase().startsWith(`stage ${n}`)
              ? name
              : `Stage ${n}: ${name}`)(
            n === 1 ? policy.stage1.name : policy.stage2.name,
          ),
          facts: rows(
            row('Received', formatDate(record.receivedOn)),
            row('Acknowledged', date(record.acknowledgedOn)),
            row('Handler', record.handler),
            row('Review meeting', date(record.meetingOn)),
            ...record.extensions.map((e) =>
              row(
                'Extended',
                `From ${formatDate(e.fromDueOn)} to ${formatDate(e.toDueOn)}: ${e.reasons}`,
              ),
            ),
            row('Responded', date(record.response?.on)),
          ),
          issues: (record.definition?.issues ?? []).map((issue) => ({
            summary: issue.summary,
            scope: issue.inScope
              ? 'Ours'
              : `Not ours: ${issue.signpost ?? 'no signpost'}`,
            decision: record.response?.decisions.find(
              (d) => d.issueId === issue.id,
            ),
          })),
          outcomesSought: record.definition?.outcomesSought ?? [],
          response: record.response,
        },
      ];
    }),
    remedies: state.remedies.map((r) => ({
      kind: remedyLabels[r.kind],
      description: r.description,
      amount: r.amountPence === undefined ? '' : formatPounds(r.amountPence),
      dueOn: date(r.dueOn) ?? '',
      done: date(r.completedOn),
      form:
        r.completedOn === undefined
          ? itemForm('complete-remedy', r.id)
          : undefined,
    })),
    actions: state.actions.map((a) => ({
      description: a.description,
      owner: a.owner ?? '',
      dueOn: date(a.dueOn) ?? '',
      done: date(a.completedOn),
      form:
        a.completedOn === undefined
          ? itemForm('complete-action', a.id)
          : undefined,
    })),
    letters: state.letters.map((l) => ({
      kind: letterLabel(l.kind),
      on: formatDate(l.on),
      status: letterStatusLabels[l.status],
      missing: l.missing?.join(', '),
      pdf:
        l.pdfKey === undefined
          ? undefined
          : `${letterPath(state.reference, l.id)}.pdf`,
      form:
        l.status === 'queued-for-post'
          ? itemForm('mark-letter-posted', l.id)
          : undefined,
    })),
    evidence: state.evidenceRequests.map((r) => ({
      description: r.description,
      receivedOn: formatDate(r.receivedOn),
      dueOn: formatDate(r.dueOn),
      done: date(r.providedOn),
      form:
        r.providedOn === undefined
          ? itemForm('provide-evidence', r.id)
          : undefined,
    })),
    restrictions: state.restrictions.map((r) => ({
      kind: restrictionLabels[r.kind],
      reasons: r.reasons,
      approvedBy: r.approvedBy,
      reviewOn: formatDate(r.reviewOn),
      lifted: date(r.liftedOn),
      form:
        r.liftedOn === undefined
          ? itemForm('review-restriction', r.id)
          : undefined,
    })),
    correspondence: state.correspondence.map((c) => ({
      at: formatInstant(c.at),
      direction: c.direction === 'in' ? 'From the resident' : 'To the resident',
      channel: channelLabel(c.channel),
      summary: c.summary,
    })),
    timeline: input.history.flatMap((d) =>
      d.events.map((e) => ({
        at: formatInstant(e.at),
        by: e.by,
        what: eventText(e),
      })),
    ),
    forms: available
      .filter((c) => actionSpecs[c.type].item === undefined)
      .map((c) => formView(c.type, ctxFor(c.type), input.failed)),
    readOnly: !input.canAct,
    errors:
      input.failed === undefined
        ? undefined
        : errorSummary(
            input.failed.key,
            input.failed.errors,
            input.failed.formError,
          ),
  };
}
