/**
 * The retention job (UK GDPR Art. 5(1)(e)): cases that ended longer ago
 * than the policy's retention period lose their personal data.
 *
 * Primary course: read the months a due case can have been received in
 * (the reporting index, then the state items by BatchGetItem: never a
 * scan), and for each finished case past its period (`retentionVerdict`):
 * read it with its record (one consistent Query), note its files, rewrite
 * its state item anonymised (`anonymise`) only if it is still at the
 * version read, delete its files (attachments, letter PDFs), rewrite each
 * event item anonymised, and mark the erasure complete.
 *
 * Alternative courses: a case changed since it was read (a staff action)
 * is left as that action left it and looked at again on the next run; a
 * run stopped part way resumes the case (its state says anonymised, its
 * erasure is not marked complete); a complete case is skipped, so a
 * re-run writes nothing. One case failing does not stop the others; the
 * run then fails, so the alarm sees it and the next run retries it.
 *
 * Logs counts and references only.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  addMonths,
  anonymise,
  anonymiseEvent,
  anonymiseIntent,
  type ComplaintState,
  type IsoDate,
  type Policy,
  retentionCutoffMonth,
  retentionVerdict,
} from '@hearth/domain';
import type {
  DynamoDbComplaintRepository,
  StoredDecision,
} from '../shared/adapters/dynamodb/complaint-repository.js';
import type { ObjectEraser } from './object-eraser.js';

/**
 * How many months before the cutoff month a daily run reads: a case
 * received earlier than that and still due is one that stayed open over
 * three years, which a run given `fromMonth` catches.
 */
export const LOOKBACK_MONTHS = 36;

export interface RetentionDeps {
  readonly repository: Pick<
    DynamoDbComplaintRepository,
    | 'finishedCasesReceivedBetween'
    | 'loadWithHistory'
    | 'anonymiseState'
    | 'anonymiseDecision'
    | 'markErased'
  >;
  /** Attachments (`attachments/<reference>/…`) are in the mail bucket. */
  readonly mail: ObjectEraser;
  /** Letter PDFs (`letters/<org>/<reference>/…`) are in the letters bucket. */
  readonly letters: ObjectEraser;
  readonly organisationId: string;
  readonly policy: Policy;
  readonly logger: Logger;
}

export interface RetentionReport {
  readonly today: IsoDate;
  readonly fromMonth: string;
  readonly toMonth: string;
  /** Finished cases read from the months. */
  readonly read: number;
  readonly anonymised: readonly string[];
  /** Erasures a stopped run had begun, finished now. */
  readonly resumed: readonly string[];
  /** Changed since read (a concurrent action): left for the next run. */
  readonly conflicts: readonly string[];
  /** Still within the period, or held for the Ombudsman's evidence. */
  readonly kept: number;
  readonly alreadyErased: number;
  readonly filesDeleted: number;
  readonly failed: readonly string[];
}

/** The months a run reads, `YYYY-MM`, both included. */
export function retentionWindow(
  today: IsoDate,
  policy: Policy,
  fromMonth?: string,
): { fromMonth: string; toMonth: string } {
  const toMonth = retentionCutoffMonth(today, policy.retention);
  return {
    fromMonth:
      fromMonth ?? addMonths(`${toMonth}-01`, -LOOKBACK_MONTHS).slice(0, 7),
    toMonth,
  };
}

/** A case's files, by bucket: the keys its record names, and its prefixes. */
export function filesOf(
  organisationId: string,
  state: ComplaintState,
  history: readonly StoredDecision[],
): { mail: Set<string>; letters: Set<string>; prefixes: [string, string] } {
  const named = [
    ...state.attachments.map((a) => a.key),
    ...state.letters.flatMap((l) => (l.pdfKey === undefined ? [] : [l.pdfKey])),
    ...history.flatMap((d) =>
      d.events.flatMap((e) => {
        switch (e.type) {
          case 'complaint-received':
          case 'correspondence-recorded':
            return e.attachments.map((a) => a.key);
          case 'letter-recorded':
            return e.letter.pdfKey === undefined ? [] : [e.letter.pdfKey];
          default:
            return [];
        }
      }),
    ),
  ];
  return {
    mail: new Set(named.filter((k) => k.startsWith('attachments/'))),
    letters: new Set(named.filter((k) => k.startsWith('letters/'))),
    prefixes: [
      `attachments/${state.reference}/`,
      `letters/${organisationId}/${state.reference}/`,
    ],
  };
}

async function eraseFiles(
  deps: RetentionDeps,
  files: ReturnType<typeof filesOf>,
): Promise<number> {
  const [mailPrefix, lettersPrefix] = files.prefixes;
  const mail = new Set([...files.mail, ...(await deps.mail.list(mailPrefix))]);
  const letters = new Set([
    ...files.letters,
    ...(await deps.letters.list(lettersPrefix)),
  ]);
  for (const key of mail) await deps.mail.delete(key);
  for (const key of letters) await deps.letters.delete(key);
  return mail.size + letters.size;
}

type CaseOutcome =
  | { readonly outcome: 'anonymised' | 'resumed'; readonly files: number }
  | { readonly outcome: 'conflict' | 'kept' | 'missing' };

/** One case, from its consistent read to its erasure marked complete. */
async function eraseCase(
  deps: RetentionDeps,
  complaintId: string,
  today: IsoDate,
): Promise<CaseOutcome> {
  const { repository, organisationId } = deps;
  const found = await repository.loadWithHistory(organisationId, complaintId);
  if (found === undefined) return { outcome: 'missing' };
  const { state, history } = found;
  // Noted before anything is rewritten: the record names its files.
  const files = filesOf(organisationId, state, history);
  let outcome: 'anonymised' | 'resumed' = 'resumed';
  if (state.anonymisedOn === undefined) {
    if (!retentionVerdict(state, deps.policy.retention, today).due) {
      return { outcome: 'kept' };
    }
    const written = await repository.anonymiseState(
      organisationId,
      anonymise(state, today),
    );
    if (!written) return { outcome: 'conflict' };
    outcome = 'anonymised';
  }
  const deleted = await eraseFiles(deps, files);
  const on = state.anonymisedOn ?? today;
  for (const decision of history) {
    await repository.anonymiseDecision(
      organisationId,
      {
        ...decision,
        events: decision.events.map(anonymiseEvent),
        intents: decision.intents.map(anonymiseIntent),
      },
      on,
    );
  }
  await repository.markErased(organisationId, complaintId, today);
  return { outcome, files: deleted };
}

/**
 * One run for `today` (the London date the cron was scheduled for), over
 * the months from `fromMonth` (default: 36 before the cutoff month) to the
 * cutoff month.
 */
export async function runRetention(
  deps: RetentionDeps,
  today: IsoDate,
  fromMonth?: string,
): Promise<RetentionReport> {
  const window = retentionWindow(today, deps.policy, fromMonth);
  const cases = await deps.repository.finishedCasesReceivedBetween(
    deps.organisationId,
    window.fromMonth,
    window.toMonth,
  );
  const anonymised: string[] = [];
  const resumed: string[] = [];
  const conflicts: string[] = [];
  const failed: string[] = [];
  let kept = 0;
  let alreadyErased = 0;
  let filesDeleted = 0;
  for (const { state, erased } of cases) {
    if (erased) {
      alreadyErased += 1;
      continue;
    }
    const started = state.anonymisedOn !== undefined;
    if (
      !started &&
      !retentionVerdict(state, deps.policy.retention, today).due
    ) {
      kept += 1;
      continue;
    }
    try {
      const result = await eraseCase(deps, state.id, today);
      switch (result.outcome) {
        case 'anonymised':
        case 'resumed':
          (result.outcome === 'anonymised' ? anonymised : resumed).push(
            state.reference,
          );
          filesDeleted += result.files;
          break;
        case 'conflict':
          conflicts.push(state.reference);
          break;
        default:
          kept += 1;
      }
    } catch (error) {
      failed.push(state.reference);
      deps.logger.error('Retention: case not erased; the next run retries', {
        reference: state.reference,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  }
  const report: RetentionReport = {
    today,
    ...window,
    read: cases.length,
    anonymised,
    resumed,
    conflicts,
    kept,
    alreadyErased,
    filesDeleted,
    failed,
  };
  deps.logger.info('Retention', { ...report });
  if (failed.length > 0) {
    throw new Error(
      `Retention: ${failed.length} case(s) not erased (${failed.join(', ')})`,
    );
  }
  return report;
}
