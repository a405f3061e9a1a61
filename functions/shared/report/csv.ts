/**
 * The Board's figures as CSV: one row per figure, RFC 4180 quoting, and
 * text cells that a spreadsheet would read as a formula made inert.
 */
import type { BoardFigures, PerThousand, Share } from '@hearth/domain';

export const csvHeader = [
  'section',
  'measure',
  'breakdown',
  'value',
  'count',
  'of',
] as const;

export type CsvRow = readonly [
  section: string,
  measure: string,
  breakdown: string,
  value: number | string | null,
  count: number | null,
  of: number | null,
];

/**
 * One cell: numbers as they are; text quoted when it holds a comma, quote
 * or line break, and prefixed with `'` when it starts like a formula
 * (`=`, `+`, `-`, `@`, tab, carriage return), so opening the file never
 * runs anything.
 */
export function csvCell(value: number | string | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const perThousand = (
  section: string,
  measure: string,
  breakdown: string,
  p: PerThousand,
): CsvRow => [
  section,
  measure,
  breakdown,
  p.perThousand,
  p.numerator,
  p.denominator,
];

const share = (
  section: string,
  measure: string,
  breakdown: string,
  s: Share,
): CsvRow => [section, measure, breakdown, s.percent, s.count, s.of];

/** Every figure as a row, in the report's order. */
export function figureRows(f: BoardFigures): CsvRow[] {
  const rows: CsvRow[] = [
    ['period', 'from', f.period.label, f.period.from, null, null],
    ['period', 'to', f.period.label, f.period.to, null, null],
    ['rules', 'reporting rules', f.rules.id, f.rules.version, null, null],
    ['tsm', 'stock LCRA', f.tsm.stock.asAt, f.tsm.stock.LCRA, null, null],
    ['tsm', 'stock LCHO', f.tsm.stock.asAt, f.tsm.stock.LCHO, null, null],
  ];
  const { sourcing } = f.tsm;
  for (const part of f.tsm.ch01) {
    const m = `CH01 stage ${part.stage} per 1,000 homes`;
    rows.push(
      perThousand('tsm', m, 'overall', part.overall),
      perThousand('tsm', m, 'LCRA', part.LCRA),
      perThousand('tsm', m, 'LCHO', part.LCHO),
      ['tsm', m, 'other tenure', null, part.otherTenure, null],
      ['tsm', m, 'counting rules (overall)', sourcing.ch01.status, null, null],
      [
        'tsm',
        m,
        'counting rules (LCRA, LCHO)',
        sourcing.ch01Tenure.status,
        null,
        null,
      ],
    );
  }
  for (const part of f.tsm.ch02) {
    const m = `CH02 stage ${part.stage} % within timescale`;
    rows.push(
      share('tsm', m, 'within base', part.withinBase),
      share('tsm', m, 'within extension', part.withinExtension),
      share('tsm', m, `published (${f.tsm.ch02Publishes})`, part.published),
      ['tsm', m, 'counting rules', sourcing.ch02.status, null, null],
    );
  }
  for (const t of f.tsm.targetTimescales) {
    const who = `${t.policy.id}@${t.policy.version} stage ${t.stage}`;
    rows.push(
      [
        'target timescales',
        'acknowledge (working days)',
        who,
        t.acknowledgeWorkingDays,
        null,
        null,
      ],
      [
        'target timescales',
        `respond (working days from ${t.respondFrom})`,
        who,
        t.respondWorkingDays,
        null,
        null,
      ],
      [
        'target timescales',
        'extension at most (working days)',
        who,
        t.extensionMaxWorkingDays,
        null,
        null,
      ],
    );
  }
  rows.push(
    ['volumes', 'received', 'stage 1', f.volumes.byStage.stage1, null, null],
    ['volumes', 'received', 'stage 2', f.volumes.byStage.stage2, null, null],
  );
  for (const c of f.volumes.byChannel) {
    rows.push(
      ['volumes', `by channel: ${c.channel}`, 'stage 1', c.stage1, null, null],
      ['volumes', `by channel: ${c.channel}`, 'stage 2', c.stage2, null, null],
    );
  }
  for (const c of f.volumes.byCategory) {
    rows.push(
      [
        'volumes',
        `by category: ${c.category}`,
        'stage 1',
        c.stage1,
        null,
        null,
      ],
      [
        'volumes',
        `by category: ${c.category}`,
        'stage 2',
        c.stage2,
        null,
        null,
      ],
    );
  }
  for (const m of f.volumes.byMonth) {
    rows.push(
      ['volumes', `by month: ${m.month}`, 'stage 1', m.stage1, null, null],
      ['volumes', `by month: ${m.month}`, 'stage 2', m.stage2, null, null],
    );
  }
  rows.push(...themeRows(f));
  for (const o of f.outcomes) {
    for (const [basis, counts] of [
      ['by issue', o.byIssue],
      ['by complaint', o.byComplaint],
    ] as const) {
      for (const [decision, n] of Object.entries(counts)) {
        rows.push([
          'outcomes',
          `stage ${o.stage} ${decision}`,
          basis,
          n,
          null,
          null,
        ]);
      }
    }
  }
  for (const t of f.timeliness) {
    rows.push(
      ['timeliness', t.clock, 'met', t.met, null, null],
      ['timeliness', t.clock, 'breached', t.breached, null, null],
    );
    for (const b of t.breaches) {
      rows.push([
        'timeliness',
        `${t.clock} breach`,
        b.reference,
        b.workingDaysLate,
        null,
        null,
      ]);
    }
  }
  rows.push([
    'escalation',
    'escalation rate',
    'stage 2 requests / stage 1 responses',
    f.escalationRate.rate,
    f.escalationRate.stage2Requests,
    f.escalationRate.stage1Responses,
  ]);
  rows.push(['refusals', 'declined', 'all', f.refusals.declined, null, null]);
  for (const r of f.refusals.declinedByReason) {
    rows.push(['refusals', 'declined', r.label, r.count, null, null]);
  }
  rows.push([
    'refusals',
    'escalations refused',
    'all',
    f.refusals.escalationsRefused,
    null,
    null,
  ]);
  for (const r of f.refusals.escalationsRefusedByGround) {
    rows.push([
      'refusals',
      'escalations refused',
      r.label,
      r.count,
      null,
      null,
    ]);
  }
  for (const r of f.remedies.byKind) {
    rows.push(['remedies', r.kind, 'count', r.count, null, null]);
    rows.push([
      'remedies',
      r.kind,
      'amount (pence)',
      r.amountPence,
      null,
      null,
    ]);
  }
  rows.push(
    [
      'remedies',
      'compensation',
      'count',
      f.remedies.compensation.count,
      null,
      null,
    ],
    [
      'remedies',
      'compensation',
      'total (pence)',
      f.remedies.compensation.totalPence,
      null,
      null,
    ],
    [
      'overdue',
      'actions overdue at period end',
      'all',
      f.overdue.actions.length,
      null,
      null,
    ],
    [
      'overdue',
      'remedies overdue at period end',
      'all',
      f.overdue.remedies.length,
      null,
      null,
    ],
  );
  for (const a of [...f.overdue.actions, ...f.overdue.remedies]) {
    rows.push([
      'overdue',
      a.description,
      a.reference,
      a.workingDaysLate,
      null,
      null,
    ]);
  }
  rows.push(
    ['evidence', 'requests received', 'all', f.evidence.received, null, null],
    ['evidence', 'provided', 'all', f.evidence.provided, null, null],
    [
      'evidence',
      'provided on time',
      'all',
      f.evidence.providedOnTime,
      null,
      f.evidence.provided,
    ],
    [
      'evidence',
      'provided late',
      'all',
      f.evidence.providedLate.length,
      null,
      null,
    ],
    [
      'evidence',
      'outstanding at period end',
      'all',
      f.evidence.outstandingAtPeriodEnd,
      null,
      null,
    ],
    [
      'evidence',
      'overdue at period end',
      'all',
      f.evidence.overdueAtPeriodEnd.length,
      null,
      null,
    ],
    [
      'open',
      'open at period end',
      'stage 1',
      f.openAtPeriodEnd.stage1.length,
      null,
      null,
    ],
    [
      'open',
      'open at period end',
      'stage 2',
      f.openAtPeriodEnd.stage2.length,
      null,
      null,
    ],
  );
  rows.push(...learningRows(f));
  for (const [key, c] of Object.entries(f.rules.citations)) {
    rows.push([
      'rules',
      `citation: ${key}`,
      `${c.source}, ${c.ref}`,
      c.status,
      null,
      null,
    ]);
  }
  return rows;
}

/** Themes by category: received now and before, the change, and the uphold shares. */
function themeRows(f: BoardFigures): CsvRow[] {
  const t = f.themes;
  const rows: CsvRow[] = [
    [
      'themes',
      'previous period',
      t.previousPeriod.label,
      t.previousPeriod.from,
      null,
      null,
    ],
    [
      'themes',
      'previous period to',
      t.previousPeriod.label,
      t.previousPeriod.to,
      null,
      null,
    ],
    [
      'themes',
      'compared',
      t.previousPeriod.label,
      t.compared ? 'yes' : 'no',
      null,
      null,
    ],
  ];
  for (const c of t.byCategory) {
    const m = `category: ${c.category}`;
    for (const stage of [1, 2] as const) {
      const key = stage === 1 ? 'stage1' : 'stage2';
      rows.push(
        ['themes', m, `received stage ${stage}`, c.received[key], null, null],
        [
          'themes',
          m,
          `previous stage ${stage}`,
          c.previous?.[key] ?? null,
          null,
          null,
        ],
        [
          'themes',
          m,
          `change stage ${stage}`,
          c.change?.[key] ?? null,
          null,
          null,
        ],
        share(
          'themes',
          m,
          `stage ${stage} % upheld in whole or part`,
          c.upheld[stage - 1] as Share,
        ),
      );
    }
  }
  return rows;
}

/** Improvement actions by category with their status, and the learning recorded at closure. */
function learningRows(f: BoardFigures): CsvRow[] {
  const l = f.learning;
  const rows: CsvRow[] = [
    ['learning', 'actions agreed', 'completed', l.counts.completed, null, null],
    ['learning', 'actions agreed', 'overdue', l.counts.overdue, null, null],
    ['learning', 'actions agreed', 'open', l.counts.open, null, null],
    ['learning', 'learning notes', 'all', l.notes, null, null],
  ];
  for (const c of l.byCategory) {
    for (const a of c.actions) {
      rows.push([
        'learning',
        `${a.kind} (${c.category}): ${a.description}`,
        a.reference,
        a.status,
        null,
        null,
      ]);
    }
    for (const n of c.notes) {
      rows.push([
        'learning',
        `learning (${c.category}) closed ${n.closedOn}`,
        n.reference,
        n.text,
        null,
        null,
      ]);
    }
  }
  return rows;
}

/** The figures as a CSV document (CRLF line ends, header first). */
export function figuresCsv(f: BoardFigures): string {
  return `${[csvHeader, ...figureRows(f)]
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')}\r\n`;
}
