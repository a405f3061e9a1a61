/**
 * The Board report as one self-contained HTML document (inline CSS, inline
 * SVG charts): stored in the reports bucket and, as its summary, mailed to
 * the Board. Every value from data is escaped.
 */
import type {
  BoardFigures,
  Ch02Part,
  FigureSourcing,
  ImprovementAction,
  Lateness,
  PerThousand,
  Share,
  StageCounts,
} from '@hearth/domain';
import { formatPounds as pounds } from '@hearth/domain';
import { escapeHtml as e } from '../escape-html.js';
import { figure } from './escape.js';
import { timelinessChart, volumesByMonthChart } from './svg.js';

/** A link in the Board's email: to the staff console, which needs sign-in. */
export interface ReportLink {
  readonly text: string;
  readonly href: string;
}

export interface ReportMeta {
  /** The landlord's name, as the report's heading says it. */
  readonly landlord: string;
  /** When the report was made (ISO instant). */
  readonly generatedAt: string;
}

const STYLE =
  'body{font-family:Arial,sans-serif;color:#0b0c0c;max-width:960px;margin:1em auto;padding:0 1em}' +
  'table{border-collapse:collapse;margin:0 0 1.5em}th,td{border-bottom:1px solid #b1b4b6;padding:4px 10px;text-align:left;vertical-align:top}' +
  'td.n{text-align:right}caption{text-align:left;font-weight:bold;padding:4px 0}.note{color:#505a5f}';

const per = (p: PerThousand) =>
  `${figure(p.perThousand)} <span class="note">(${p.numerator} / ${p.denominator} homes)</span>`;
const pct = (s: Share) =>
  s.percent === null
    ? `n/a <span class="note">(0 responses)</span>`
    : `${figure(s.percent)}% <span class="note">(${s.count} of ${s.of})</span>`;

function table(
  caption: string,
  head: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  if (rows.length === 0) {
    return `<p><strong>${e(caption)}</strong>: none.</p>`;
  }
  return (
    `<table><caption>${e(caption)}</caption><thead><tr>${head
      .map((h) => `<th scope="col">${e(h)}</th>`)
      .join('')}</tr></thead><tbody>` +
    rows
      .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
      .join('') +
    '</tbody></table>'
  );
}

const ch02Cell = (
  part: Ch02Part,
  basis: 'within-base' | 'within-extension',
  published: string,
) =>
  `${pct(basis === 'within-base' ? part.withinBase : part.withinExtension)}${
    basis === published ? ' <strong>(published)</strong>' : ''
  }`;

const sourcingRules = (s: FigureSourcing) =>
  s.rules.map((r) => `${e(r.key)}: ${e(r.status)}`).join('; ');

/**
 * The TSM summary: CH01 and CH02 (both bases, which is published), how
 * firmly each figure's counting rules are sourced, and target timescales.
 */
export function summaryHtml(f: BoardFigures): string {
  const { sourcing } = f.tsm;
  const ch01 = table(
    'CH01: complaints received per 1,000 homes',
    ['Stage', 'Overall', 'LCRA', 'LCHO', 'Other tenure', 'Counting rules'],
    f.tsm.ch01.map((p) => [
      `Stage ${p.stage}`,
      per(p.overall),
      per(p.LCRA),
      per(p.LCHO),
      String(p.otherTenure),
      `overall <strong>${e(sourcing.ch01.status)}</strong>; LCRA and LCHO <strong>${e(sourcing.ch01Tenure.status)}</strong>`,
    ]),
  );
  const ch02 = table(
    'CH02: complaints responded to within the Code timescales',
    [
      'Stage',
      'Responded',
      'Within the base timescale',
      'Within a permitted extension',
      'Counting rules',
    ],
    f.tsm.ch02.map((p) => [
      `Stage ${p.stage}`,
      String(p.responded),
      ch02Cell(p, 'within-base', f.tsm.ch02Publishes),
      ch02Cell(p, 'within-extension', f.tsm.ch02Publishes),
      `<strong>${e(sourcing.ch02.status)}</strong>`,
    ]),
  );
  const rules = table(
    'How firmly the counting rules behind each figure are sourced',
    ['Figure', 'Weakest rule', 'Each rule'],
    (
      [
        ['CH01 overall', sourcing.ch01],
        ['CH01 LCRA and LCHO', sourcing.ch01Tenure],
        ['CH02', sourcing.ch02],
      ] as const
    ).map(([name, s]) => [
      name,
      `<strong>${e(s.status)}</strong>`,
      `<span class="note">${sourcingRules(s)}</span>`,
    ]),
  );
  const timescales = table(
    'Target timescales used to generate CH02',
    ['Policy', 'Stage', 'Acknowledge', 'Respond', 'Extension at most'],
    f.tsm.targetTimescales.map((t) => [
      e(`${t.policy.id} (${t.policy.version})`),
      `Stage ${t.stage}`,
      `${t.acknowledgeWorkingDays} working days`,
      `${t.respondWorkingDays} working days from ${e(t.respondFrom)}`,
      t.extensionMaxWorkingDays === null
        ? 'no cap'
        : `${t.extensionMaxWorkingDays} working days`,
    ]),
  );
  return (
    `<p>Stock as at ${e(f.tsm.stock.asAt)}: ${f.tsm.stock.LCRA} LCRA and ${f.tsm.stock.LCHO} LCHO homes. ` +
    `CH02 publishes the <strong>${e(f.tsm.ch02Publishes)}</strong> figure; both are shown.</p>` +
    ch01 +
    ch02 +
    '<p class="note">Counting rules: a figure is as firm as the weakest rule it rests on. ' +
    '<strong>verified</strong>: read in the source, safe to publish; <strong>corroborated</strong>: said by landlords or a sister code; ' +
    '<strong>secondary</strong>: read in a summary; <strong>unverified</strong>: not found. ' +
    'Check any figure not verified against the RSH TSM Technical Requirements before publishing it.</p>' +
    rules +
    timescales
  );
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const stages = (c: StageCounts | null) =>
  c === null ? 'n/a' : `${c.stage1} / ${c.stage2}`;
const changes = (c: StageCounts | null) =>
  c === null ? 'n/a' : `${signed(c.stage1)} / ${signed(c.stage2)}`;

/** Themes and trends by category (Code 9.4, 9.7). */
export function themesHtml(f: BoardFigures): string {
  const t = f.themes;
  const before = `${e(t.previousPeriod.label)} (${e(t.previousPeriod.from)} to ${e(t.previousPeriod.to)})`;
  return (
    '<h2>Themes and trends</h2>' +
    `<p class="note">Categories ranked by complaints received (accepted at stage 1, then stage 2). ${
      t.compared
        ? `Changes are differences in counts against ${before}, not ratings (Code 3.3).`
        : `No comparison with ${before}: the complaints held do not cover all of it.`
    } Upheld means upheld in whole or in part, of the responses sent in the period. ` +
    'Complaints are grouped by category only: the record holds no non-personal key for a resident or a home.</p>' +
    table(
      'Complaints by category',
      [
        'Category',
        'Received (stage 1 / stage 2)',
        'Previous period',
        'Change',
        'Stage 1 upheld',
        'Stage 2 upheld',
      ],
      t.byCategory.map((c) => [
        e(c.category),
        stages(c.received),
        stages(c.previous),
        changes(c.change),
        pct(c.upheld[0]),
        pct(c.upheld[1]),
      ]),
    )
  );
}

const KIND_TEXT: Record<ImprovementAction['kind'], string> = {
  action: 'action',
  'policy-change': 'policy, procedure or practice change',
};

/** The service improvements agreed and the learning recorded (Code 9.1–9.3). */
export function learningHtml(f: BoardFigures): string {
  const l = f.learning;
  const total = l.counts.completed + l.counts.overdue + l.counts.open;
  const parts = [
    '<h2>Learning and service improvements</h2>',
    `<p>${plural(total, 'action')} agreed in responses in the period: ${l.counts.completed} completed, ` +
      `${l.counts.overdue} overdue and ${l.counts.open} open at the period end. ` +
      `${plural(l.notes, 'learning note')} recorded at closure.</p>`,
    '<p class="note">The complaint record does not mark which actions are service improvements, so every action agreed in a response is listed, with remedies that change a policy, procedure or practice (Code 7.1).</p>',
  ];
  if (l.byCategory.length === 0) {
    parts.push('<p>None in the period.</p>');
  }
  for (const c of l.byCategory) {
    parts.push(
      `<h3>${e(c.category)}</h3>`,
      table(
        c.actions.length === 0
          ? 'Actions agreed'
          : `Actions agreed (${c.counts.completed} completed, ${c.counts.overdue} overdue, ${c.counts.open} open)`,
        ['Reference', 'Kind', 'Action', 'Agreed', 'Due', 'At the period end'],
        c.actions.map((a) => [
          e(a.reference),
          KIND_TEXT[a.kind],
          e(a.description),
          e(a.recordedOn),
          a.dueOn === null ? 'no date' : e(a.dueOn),
          a.completedOn === null ? a.status : `${a.status} ${e(a.completedOn)}`,
        ]),
      ),
      table(
        'Learning recorded at closure',
        ['Reference', 'Closed', 'Learning'],
        c.notes.map((n) => [e(n.reference), e(n.closedOn), e(n.text)]),
      ),
    );
  }
  return parts.join('');
}

const lateRows = (items: readonly Lateness[]) =>
  items.map((b) => [
    e(b.reference),
    e(b.dueOn),
    e(b.doneOn),
    String(b.workingDaysLate),
  ]);

/** The whole report as an HTML document. */
export function reportHtml(f: BoardFigures, meta: ReportMeta): string {
  const title = `Complaints report to the Board: ${f.period.label}`;
  const sections: string[] = [];
  sections.push('<h2>Tenant Satisfaction Measures</h2>', summaryHtml(f));

  sections.push(
    '<h2>Volumes</h2>',
    '<p class="note">High volumes of complaints are not a negative: they can show residents are able to complain (Code 3.3).</p>',
    table(
      'Received by stage',
      ['Stage 1', 'Stage 2'],
      [[String(f.volumes.byStage.stage1), String(f.volumes.byStage.stage2)]],
    ),
    table(
      'Received by channel',
      ['Channel', 'Stage 1', 'Stage 2'],
      f.volumes.byChannel.map((c) => [
        e(c.channel),
        String(c.stage1),
        String(c.stage2),
      ]),
    ),
    table(
      'Received by category',
      ['Category', 'Stage 1', 'Stage 2'],
      f.volumes.byCategory.map((c) => [
        e(c.category),
        String(c.stage1),
        String(c.stage2),
      ]),
    ),
    `<figure>${volumesByMonthChart(f.volumes)}</figure>`,
  );

  sections.push(themesHtml(f));

  sections.push(
    '<h2>Outcomes</h2>',
    table(
      'Decisions by complaint',
      ['Stage', 'Upheld', 'Partly upheld', 'Not upheld'],
      f.outcomes.map((o) => [
        `Stage ${o.stage}`,
        String(o.byComplaint.upheld),
        String(o.byComplaint['partly-upheld']),
        String(o.byComplaint['not-upheld']),
      ]),
    ),
  );

  sections.push(
    '<h2>Timeliness</h2>',
    table(
      'Clocks settled in the period',
      ['Clock', 'Met', 'Breached'],
      f.timeliness.map((t) => [e(t.clock), String(t.met), String(t.breached)]),
    ),
    `<figure>${timelinessChart(f.timeliness)}</figure>`,
    ...f.timeliness
      .filter((t) => t.breaches.length > 0)
      .map((t) =>
        table(
          `Breaches: ${t.clock}`,
          ['Reference', 'Due', 'Done', 'Working days late'],
          lateRows(t.breaches),
        ),
      ),
  );

  const rate = f.escalationRate;
  sections.push(
    '<h2>Escalation</h2>',
    `<p>${rate.stage2Requests} stage 2 requests against ${rate.stage1Responses} stage 1 responses: ` +
      `${rate.rate === null ? 'n/a' : `${figure(rate.rate * 100)}%`}.</p>`,
  );

  sections.push(
    '<h2>Refusals</h2>',
    '<p class="note">Counted on the date of the decision. A complaint declined and later reopened stays in the period it was declined in, and is in CH01 once accepted.</p>',
    table(
      `Complaints not accepted (${f.refusals.declined})`,
      ['Reason', 'Count'],
      f.refusals.declinedByReason.map((r) => [e(r.label), String(r.count)]),
    ),
    table(
      `Escalations refused (${f.refusals.escalationsRefused})`,
      ['Ground', 'Count'],
      f.refusals.escalationsRefusedByGround.map((r) => [
        e(r.label),
        String(r.count),
      ]),
    ),
  );

  sections.push(
    '<h2>Remedies and compensation</h2>',
    table(
      'Remedies by kind',
      ['Kind', 'Count', 'Amount'],
      f.remedies.byKind.map((r) => [
        e(r.kind),
        String(r.count),
        pounds(r.amountPence),
      ]),
    ),
    `<p>Compensation: ${f.remedies.compensation.count} awards, ${pounds(f.remedies.compensation.totalPence)} in all.</p>`,
  );

  sections.push(
    '<h2>Overdue at the period end</h2>',
    table(
      'Actions overdue',
      ['Reference', 'Action', 'Due', 'Working days late'],
      f.overdue.actions.map((a) => [
        e(a.reference),
        e(a.description),
        e(a.dueOn),
        String(a.workingDaysLate),
      ]),
    ),
    table(
      'Remedies overdue',
      ['Reference', 'Remedy', 'Due', 'Working days late'],
      f.overdue.remedies.map((a) => [
        e(a.reference),
        e(a.description),
        e(a.dueOn),
        String(a.workingDaysLate),
      ]),
    ),
  );

  const ev = f.evidence;
  sections.push(
    '<h2>Ombudsman evidence requests</h2>',
    `<p>${ev.received} received; ${ev.provided} provided, ${ev.providedOnTime} on time; ` +
      `${ev.outstandingAtPeriodEnd} outstanding at the period end, ${ev.overdueAtPeriodEnd.length} of them overdue.</p>`,
    table(
      'Provided late',
      ['Reference', 'Due', 'Provided', 'Working days late'],
      lateRows(ev.providedLate),
    ),
    table(
      'Overdue at the period end',
      ['Reference', 'Due', 'As at', 'Working days late'],
      lateRows(ev.overdueAtPeriodEnd),
    ),
    `<p>Open at the period end: ${f.openAtPeriodEnd.stage1.length} at stage 1, ${f.openAtPeriodEnd.stage2.length} at stage 2.</p>`,
  );

  sections.push(learningHtml(f));

  sections.push(
    '<h2>Rules</h2>',
    `<p class="note">Figures produced under ${e(f.rules.id)} version ${e(f.rules.version)}. ` +
      'Rules not marked verified are to be checked against the TSM Technical Requirements before publishing.</p>',
    table(
      'Citations',
      ['Rule', 'Source', 'Reference', 'Status'],
      Object.entries(f.rules.citations).map(([key, c]) => [
        e(key),
        e(c.source),
        e(c.ref),
        e(c.status),
      ]),
    ),
  );

  return (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">' +
    `<title>${e(title)}</title><style>${STYLE}</style></head><body>` +
    `<h1>${e(title)}</h1><p>${e(meta.landlord)}. Complaints from ${e(f.period.from)} to ${e(f.period.to)}. ` +
    `<span class="note">Made ${e(meta.generatedAt)}.</span></p>` +
    sections.join('') +
    '</body></html>'
  );
}

/**
 * The links to a period's report in the staff console: the HTML to read
 * and the CSV and JSON to download, at
 * `<site>/console/reports/<label>/board-report.<format>`, and the list of
 * every period. The console asks for sign-in (managers and the MRC), so a
 * forwarded email exposes nothing.
 */
export function consoleReportLinks(
  siteUrl: string,
  label: string,
): ReportLink[] {
  const reports = `${siteUrl.replace(/\/+$/, '')}/console/reports`;
  const file = (format: string) =>
    `${reports}/${encodeURIComponent(label)}/board-report.${format}`;
  return [
    { text: 'Read the report', href: file('html') },
    { text: 'Download the figures (CSV)', href: file('csv') },
    { text: 'Download the figures (JSON)', href: file('json') },
    { text: 'Every Board report', href: reports },
  ];
}

const SIGN_IN =
  'The links open the staff console, which asks you to sign in (managers and the Member Responsible for Complaints).';

/** The Board's email: the TSM summary and links to the full report in the console. */
export function emailHtml(
  f: BoardFigures,
  meta: ReportMeta,
  links: readonly ReportLink[],
): string {
  return (
    `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><style>${STYLE}</style></head><body>` +
    `<h1>${e(`Complaints report to the Board: ${f.period.label}`)}</h1>` +
    `<p>${e(meta.landlord)}. Complaints from ${e(f.period.from)} to ${e(f.period.to)}.</p>` +
    summaryHtml(f) +
    `<p>The full report, with themes, learning and every table:</p><ul>${links
      .map((l) => `<li><a href="${e(l.href)}">${e(l.text)}</a></li>`)
      .join('')}</ul><p class="note">${e(SIGN_IN)}</p></body></html>`
  );
}

const percentText = (percent: number | null) =>
  percent === null ? 'n/a' : `${figure(percent)}%`;

/** The email's plain-text part. */
export function emailText(
  f: BoardFigures,
  links: readonly ReportLink[],
): string {
  const { sourcing } = f.tsm;
  const lines = [
    `Complaints report to the Board: ${f.period.label} (${f.period.from} to ${f.period.to})`,
    '',
    ...f.tsm.ch01.map(
      (p) =>
        `CH01 stage ${p.stage}: ${figure(p.overall.perThousand)} per 1,000 homes (${p.overall.numerator} / ${p.overall.denominator})`,
    ),
    ...f.tsm.ch02.map(
      (p) =>
        `CH02 stage ${p.stage}: ${percentText(p.published.percent)} published (${f.tsm.ch02Publishes}); ` +
        `within base ${percentText(p.withinBase.percent)}, within extension ${percentText(p.withinExtension.percent)}`,
    ),
    `Counting rules: CH01 ${sourcing.ch01.status} (LCRA and LCHO ${sourcing.ch01Tenure.status}), CH02 ${sourcing.ch02.status}; check any figure not verified before publishing it.`,
    '',
    'The full report:',
    ...links.map((l) => `${l.text}: ${l.href}`),
    '',
    SIGN_IN,
  ];
  return `${lines.join('\n')}\n`;
}
