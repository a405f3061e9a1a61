/**
 * A case: GET shows it; POST …/actions/<type> builds the command from the
 * form, checks it with the command's own schema, and saves it through the
 * application service at the version the page was read at; POST
 * …/actions/<type>/preview decides it without saving and shows the
 * letters it would send, as the resident will read them.
 */
import {
  type AvailableCommandType,
  type ComplaintState,
  checkLetter,
  composeLetter,
  decide,
  type Intent,
  type LandlordContact,
  renderLetterText,
} from '@hearth/domain';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DynamoDbComplaintRepository } from '../shared/adapters/dynamodb/complaint-repository.js';
import type { BaseConfig } from '../shared/config.js';
import { commandSchema, type StaffCommand } from '../shared/contracts/index.js';
import { NotFoundError } from '../shared/middleware/problem-json.js';
import { redirect } from '../shared/pages/http.js';
import { allocateReference, calendarFor, execute } from '../shared/service.js';
import type { Staff } from '../shared/staff.js';
import { actionSpecs, type FormContext } from './actions.js';
import {
  caseContext,
  casePath,
  type Failed,
  formKey,
  formView,
  stageFor,
} from './case-page.js';
import { textOf } from './input.js';
import { letterLabel } from './labels.js';
import {
  conflictMessage,
  refusalOf,
  rejectionRefusal,
  schemaRefusal,
} from './problems.js';
import { canAct, type PageKit, page } from './view.js';

export interface CaseDeps {
  readonly repository: DynamoDbComplaintRepository;
  readonly config: BaseConfig & { readonly landlord: LandlordContact };
  readonly newId: () => string;
}

export interface Caller {
  readonly kit: PageKit;
  readonly staff: Staff;
  readonly now: string;
  readonly today: string;
}

const isActionType = (type: string): type is AvailableCommandType =>
  Object.hasOwn(actionSpecs, type);

async function loadCase(
  deps: CaseDeps,
  staff: Staff,
  reference: string,
): Promise<ComplaintState> {
  // Keys are the caller's organisation's: another landlord's case is not found.
  const state = await deps.repository.load(staff.organisationId, reference);
  if (state === undefined) throw new NotFoundError('No such complaint');
  return state;
}

/** The case page, with a refused form shown again or a success banner. */
export async function showCase(
  deps: CaseDeps,
  caller: Caller,
  reference: string,
  options: {
    readonly status?: number;
    readonly state?: ComplaintState;
    readonly failed?: Failed;
    readonly notice?: { text: string; type?: 'success'; title?: string };
    readonly cookies?: readonly string[];
  } = {},
): Promise<APIGatewayProxyStructuredResultV2> {
  const state =
    options.state ?? (await loadCase(deps, caller.staff, reference));
  const history = await deps.repository.history(
    caller.staff.organisationId,
    state.id,
  );
  const { policy } = deps.config;
  return page(
    caller.kit,
    options.status ?? 200,
    'console/case.njk',
    {
      ...caseContext({
        state,
        history,
        policy,
        calendar: calendarFor(policy),
        today: caller.today,
        staff: caller.staff,
        canAct: canAct(caller.staff),
        ...(options.failed === undefined ? {} : { failed: options.failed }),
      }),
      ...(options.notice === undefined ? {} : { notice: options.notice }),
    },
    options.cookies,
  );
}

/** The success banner for `?done=<type>`. */
export function doneNotice(done: string | undefined) {
  return done !== undefined && isActionType(done)
    ? { text: actionSpecs[done].done, type: 'success' as const, title: 'Done' }
    : undefined;
}

/**
 * Runs (or previews) one command from a case page's form. A refusal shows
 * the page again with the reason on the field; a lost race shows the case
 * as it now is.
 */
export async function act(
  deps: CaseDeps,
  caller: Caller,
  reference: string,
  type: string,
  form: Record<string, unknown>,
  mode: 'save' | 'preview',
): Promise<APIGatewayProxyStructuredResultV2> {
  if (!isActionType(type)) throw new NotFoundError('No such action');
  const state = await loadCase(deps, caller.staff, reference);
  const { policy } = deps.config;
  const calendar = calendarFor(policy);
  const ctx: FormContext = {
    state,
    policy,
    calendar,
    today: caller.today,
    staff: caller.staff,
    stage: stageFor(state, type, policy, calendar, caller.today),
  };
  const spec = actionSpecs[type];
  const fields = spec.fields(ctx);
  const item = spec.item === undefined ? undefined : textOf(form, spec.item);
  const key = formKey(type, item);
  const refused = (
    status: number,
    failed: Omit<Failed, 'key' | 'values'>,
    fresh?: ComplaintState,
  ) =>
    showCase(deps, caller, reference, {
      status,
      ...(fresh === undefined ? {} : { state: fresh }),
      failed: { key, values: form, ...failed },
    });
  const conflict = async () =>
    refused(409, { errors: [], formError: conflictMessage });

  const version = Number(textOf(form, 'version'));
  const parsed = commandSchema.safeParse({ type, ...spec.build(form, ctx) });
  if (!parsed.success) {
    const { status, ...failed } = schemaRefusal(parsed.error, fields);
    return refused(status, failed, state);
  }
  // A stale version is judged when saving: letters and clocks recorded
  // since the page was read are no conflict, anyone's decision is.
  if (!Number.isInteger(version)) return conflict();
  const command = parsed.data;

  if (mode === 'preview') {
    return preview(deps, caller, state, command, {
      ctx,
      key,
      form,
      item,
      fields,
      refused,
    });
  }

  try {
    // An issue raised after the response becomes a linked complaint with a
    // reference of its own (as the staff API allocates it).
    const linked =
      command.type === 'add-issue'
        ? await allocateReference(
            deps.repository,
            caller.staff.organisationId,
            caller.now,
          )
        : undefined;
    await execute({
      repository: deps.repository,
      organisationId: caller.staff.organisationId,
      policy,
      actor: { kind: 'staff', id: caller.staff.username },
      now: caller.now,
      newId: deps.newId,
      complaintId: state.id,
      command,
      expectedVersion: version,
      ...(linked === undefined ? {} : { newComplaintId: () => linked }),
    });
  } catch (error) {
    const refusal = refusalOf(error, fields);
    if (refusal === undefined) throw error;
    if (refusal === 'conflict') return conflict();
    const { status, ...failed } = refusal;
    return refused(status, failed);
  }
  return redirect(`${casePath(state.reference)}?done=${type}`);
}

async function preview(
  deps: CaseDeps,
  caller: Caller,
  state: ComplaintState,
  command: StaffCommand,
  form: {
    ctx: FormContext;
    key: string;
    form: Record<string, unknown>;
    item: string | undefined;
    fields: Parameters<typeof schemaRefusal>[1];
    refused: (
      status: number,
      failed: Omit<Failed, 'key' | 'values'>,
    ) => Promise<APIGatewayProxyStructuredResultV2>;
  },
): Promise<APIGatewayProxyStructuredResultV2> {
  const { policy } = deps.config;
  const calendar = calendarFor(policy);
  let letters: ReturnType<typeof previewLetter>[];
  try {
    const result = decide(state, command, {
      now: caller.now,
      policy,
      calendar,
      actor: { kind: 'staff', id: caller.staff.username },
      newId: deps.newId,
      // Nothing is saved, so no reference is taken for a linked complaint.
      newComplaintId: () => 'a new linked complaint',
    });
    if (!result.ok) {
      const { status, ...failed } = rejectionRefusal(
        result.rejection,
        form.fields,
      );
      return form.refused(status, failed);
    }
    letters = result.intents
      .filter(
        (i): i is Extract<Intent, { type: 'send-letter' }> =>
          i.type === 'send-letter',
      )
      .map((intent) =>
        previewLetter(intent, result.state, {
          ...deps.config,
          today: caller.today,
        }),
      );
  } catch (error) {
    const refusal = refusalOf(error, form.fields);
    if (refusal === undefined || refusal === 'conflict') throw error;
    const { status, ...failed } = refusal;
    return form.refused(status, failed);
  }
  const view = formView(
    command.type,
    form.ctx,
    { key: form.key, values: form.form, errors: [] },
    form.item,
  );
  return page(caller.kit, 200, 'console/preview.njk', {
    title: `Preview: ${actionSpecs[command.type].title}`,
    section: 'case',
    reference: state.reference,
    caseHref: casePath(state.reference),
    letters,
    form: view,
    backLink: { href: casePath(state.reference), text: 'Back to the case' },
  });
}

/** One letter as the letters job would compose it (functions/letters/deliver.ts). */
function previewLetter(
  intent: Extract<Intent, { type: 'send-letter' }>,
  after: ComplaintState,
  context: {
    policy: BaseConfig['policy'];
    landlord: LandlordContact;
    today: string;
  },
) {
  const letter = composeLetter(intent.kind, after, {
    policy: context.policy,
    calendar: calendarFor(context.policy),
    today: context.today,
    landlord: context.landlord,
    letterId: intent.letterId,
  });
  const check = checkLetter(letter);
  return {
    title: letterLabel(intent.kind),
    to: letter.recipients.map((r) => `${r.name} (${r.role}), by ${r.delivery}`),
    largePrint: letter.format.largePrint,
    text: renderLetterText(letter),
    missing: check.ok
      ? []
      : check.missing.map(
          (m) => `${m.element} (Code ${m.clause}): ${m.detail}`,
        ),
  };
}
