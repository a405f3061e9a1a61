/**
 * The Board report as one self-contained HTML document (inline CSS, inline
 * SVG charts): stored in the reports bucket and, as its summary, mailed to
 * the Board. Every value from data is escaped.
 */
import type {
  BoardFigures,
  Ch02Part,
  Lateness,
  PerThousand,
  Share,
} from '@hearth/domain';
import { formatPounds as pounds } from '@hearth/domain';
import { escapeHtml as e } from '../escape-html.js';
import { figure } from './escape.js';
import { timelinessChart, volumesByMonthChart } from './svg.js';

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

/** The TSM summary: CH01 and CH02 (both bases, which is published) and target timescales. */
export function summaryHtml(f: BoardFigures): string {
  const ch01 = table(
    'CH01: complaints received per 1,000 homes',
    ['Stage', 'Overall', 'LCRA', 'LCHO', 'Other tenure'],
    f.tsm.ch01.map((p) => [
      `Stage ${p.stage}`,
      per(p.overall),
      per(p.LCRA),
      per(p.LCHO),
      String(p.otherTenure),
    ]),
  );
  const ch02 = table(
    'CH02: complaints responded to within the Code timescales',
    [
      'Stage',
      'Responded',
      'Within the base timescale',
      'Within a permitted extension',
    ],
    f.tsm.ch02.map((p) => [
      `Stage ${p.stage}`,
      String(p.responded),
      ch02Cell(p, 'within-base', f.tsm.ch02Publishes),
      ch02Cell(p, 'within-extension', f.tsm.ch02Publishes),
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
    timescales
  );
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

/** The Board's email: the TSM summary and where the full report is kept. */
export function emailHtml(
  f: BoardFigures,
  meta: ReportMeta,
  links: readonly string[],
): string {
  return (
    `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><style>${STYLE}</style></head><body>` +
    `<h1>${e(`Complaints report to the Board: ${f.period.label}`)}</h1>` +
    `<p>${e(meta.landlord)}. Complaints from ${e(f.period.from)} to ${e(f.period.to)}.</p>` +
    summaryHtml(f) +
    `<p>The full report (HTML, CSV and JSON) is stored at:</p><ul>${links
      .map((l) => `<li>${e(l)}</li>`)
      .join('')}</ul></body></html>`
  );
}

const percentText = (percent: number | null) =>
  percent === null ? 'n/a' : `${figure(percent)}%`;

/** The email's plain-text part. */
export function emailText(f: BoardFigures, links: readonly string[]): string {
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
    '',
    'The full report:',
    ...links,
  ];
  return `${lines.join('\n')}\n`;
}
