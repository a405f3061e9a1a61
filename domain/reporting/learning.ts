import { compareDates, type IsoDate } from '../calendar/index.js';
import { byEnd, inPeriod, learningOf } from './facts.js';
import type {
  CategoryLearning,
  FollowThroughStatus,
  ImprovementAction,
  Learning,
  LearningNote,
  ReportingComplaint,
} from './model.js';
import type { ReportingPeriod } from './rules.js';
import { uncategorised } from './volumes.js';

/**
 * Where a promised thing stood at the period end: completed by then,
 * overdue (due before it and not completed by then, as the overdue table
 * counts it), or still open.
 */
export function followThroughStatus(
  item: { readonly dueOn?: IsoDate; readonly completedOn?: IsoDate },
  end: IsoDate,
): FollowThroughStatus {
  if (byEnd(item.completedOn, end)) return 'completed';
  if (item.dueOn !== undefined && compareDates(item.dueOn, end) < 0) {
    return 'overdue';
  }
  return 'open';
}

function noCounts(): Record<FollowThroughStatus, number> {
  return { completed: 0, overdue: 0, open: 0 };
}

function improvementsOf(
  complaint: ReportingComplaint,
  period: ReportingPeriod,
): ImprovementAction[] {
  const { state } = complaint;
  const items = [
    ...state.actions.map((a) => ({ ...a, kind: 'action' as const })),
    ...state.remedies
      .filter((r) => r.kind === 'policy-change')
      .map((r) => ({ ...r, kind: 'policy-change' as const })),
  ];
  return items
    .filter((item) => inPeriod(item.recordedOn, period))
    .map((item) => {
      const status = followThroughStatus(item, period.to);
      return {
        complaintId: state.id,
        reference: state.reference,
        id: item.id,
        kind: item.kind,
        stage: item.stage,
        recordedOn: item.recordedOn,
        description: item.description,
        dueOn: item.dueOn ?? null,
        completedOn:
          status === 'completed' ? (item.completedOn as IsoDate) : null,
        status,
      };
    });
}

function notesOf(
  complaint: ReportingComplaint,
  period: ReportingPeriod,
): LearningNote[] {
  const { state } = complaint;
  return learningOf(complaint)
    .filter((l) => inPeriod(l.closedOn, period))
    .map((l) => ({
      complaintId: state.id,
      reference: state.reference,
      closedOn: l.closedOn,
      text: l.text,
    }));
}

const byRecorded = (a: ImprovementAction, b: ImprovementAction) =>
  compareDates(a.recordedOn, b.recordedOn) ||
  a.reference.localeCompare(b.reference) ||
  a.id.localeCompare(b.id);

const byClosed = (a: LearningNote, b: LearningNote) =>
  compareDates(a.closedOn, b.closedOn) ||
  a.reference.localeCompare(b.reference);

/**
 * The service improvements from complaints in the period, by category
 * (Code 9.1–9.3): the actions agreed in responses (Code 6.6) and the
 * remedies changing policies, procedures or practices (Code 7.1)
 * recorded in the period, each with where it stood at the period end,
 * and the learning recorded at closures in the period. Categories with
 * the most entries first, then by name.
 *
 * The complaint record has no field that marks an action as a service
 * improvement rather than a promise to one resident, so every action
 * agreed in a response is listed.
 */
export function serviceLearning(
  complaints: readonly ReportingComplaint[],
  period: ReportingPeriod,
): Learning {
  const rows = new Map<
    string,
    { actions: ImprovementAction[]; notes: LearningNote[] }
  >();
  for (const complaint of complaints) {
    if (complaint.state.classification !== 'complaint') continue;
    const actions = improvementsOf(complaint, period);
    const notes = notesOf(complaint, period);
    if (actions.length === 0 && notes.length === 0) continue;
    const category = complaint.state.category ?? uncategorised;
    const row = rows.get(category) ?? { actions: [], notes: [] };
    row.actions.push(...actions);
    row.notes.push(...notes);
    rows.set(category, row);
  }
  const totals = noCounts();
  let notes = 0;
  const byCategory = [...rows.entries()].map(
    ([category, row]): CategoryLearning => {
      const counts = noCounts();
      for (const a of row.actions) {
        counts[a.status] += 1;
        totals[a.status] += 1;
      }
      notes += row.notes.length;
      return {
        category,
        actions: row.actions.sort(byRecorded),
        counts,
        notes: row.notes.sort(byClosed),
      };
    },
  );
  byCategory.sort(
    (a, b) =>
      b.actions.length + b.notes.length - (a.actions.length + a.notes.length) ||
      a.category.localeCompare(b.category),
  );
  return { byCategory, counts: totals, notes };
}
