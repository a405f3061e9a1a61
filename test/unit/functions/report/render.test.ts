import {
  type BoardFigures,
  boardFigures,
  reportingYear,
  tsm2024,
} from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../../functions/shared/escape-html.js';
import {
  boardReport,
  monthsToRead,
  parseStock,
  reportKey,
  reportPeriod,
} from '../../../../functions/shared/report/build.js';
import {
  csvCell,
  figureRows,
  figuresCsv,
} from '../../../../functions/shared/report/csv.js';
import {
  consoleReportLinks,
  emailHtml,
  emailText,
  reportHtml,
} from '../../../../functions/shared/report/html.js';
import {
  timelinessChart,
  volumesByMonthChart,
} from '../../../../functions/shared/report/svg.js';
import {
  referenceComplaints,
  stock,
} from '../../../fixtures/reporting/reference-complaints.js';

const complaints = referenceComplaints();
const figures: BoardFigures = boardFigures(
  { complaints, stock, period: reportingYear(tsm2024, 2025) },
  tsm2024,
);

/** The figures with a hostile category and breach reference. */
const hostile: BoardFigures = {
  ...figures,
  volumes: {
    ...figures.volumes,
    byCategory: [{ category: '=HYPERLINK("x"),"<b>&', stage1: 1, stage2: 0 }],
    byMonth: [{ month: '2025-04</text><script>', stage1: 2, stage2: 1 }],
  },
  timeliness: [
    {
      clock: 'stage1.respond',
      met: 1,
      breached: 1,
      breaches: [
        {
          complaintId: 'c',
          reference: '<img src=x onerror=alert(1)>',
          dueOn: '2025-05-01',
          doneOn: '2025-05-02',
          workingDaysLate: 1,
        },
      ],
    },
  ],
  themes: {
    ...figures.themes,
    byCategory: [
      {
        category: '<script>theme</script>',
        received: { stage1: 1, stage2: 0 },
        previous: null,
        change: null,
        upheld: [
          { count: 0, of: 0, percent: null },
          { count: 0, of: 0, percent: null },
        ],
      },
    ],
  },
  learning: {
    counts: { completed: 0, overdue: 0, open: 1 },
    notes: 1,
    byCategory: [
      {
        category: '<b>cat</b>',
        counts: { completed: 0, overdue: 0, open: 1 },
        actions: [
          {
            complaintId: 'c',
            reference: 'HTH-1',
            id: 'a1',
            kind: 'action',
            stage: 1,
            recordedOn: '2025-05-01',
            description: '=cmd|"/c calc"!A1 <iframe>',
            dueOn: null,
            completedOn: null,
            status: 'open',
          },
        ],
        notes: [
          {
            complaintId: 'c',
            reference: 'HTH-1',
            closedOn: '2025-05-02',
            text: '@SUM(1) <script>alert(1)</script>',
          },
        ],
      },
    ],
  },
};

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and makes formulas inert', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x"),y')).toBe(`"'=HYPERLINK(""x""),y"`);
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(6.041666)).toBe('6.041666');
    expect(csvCell(null)).toBe('');
  });

  it('has one row per figure, six columns each, header first, CRLF ends', () => {
    const csv = figuresCsv(figures);
    const lines = csv.split('\r\n');

    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines[0]).toBe('section,measure,breakdown,value,count,of');
    expect(lines.length - 2).toBe(figureRows(figures).length);
    for (const row of figureRows(figures)) expect(row).toHaveLength(6);
    // The hand-worked 2025/26 figures (test/unit/domain/reporting).
    expect(lines).toContain(
      'tsm,"CH01 stage 1 per 1,000 homes",overall,6.041666666666667,29,4800',
    );
    expect(lines).toContain(
      'tsm,CH02 stage 1 % within timescale,within base,81.48148148148148,22,27',
    );
    expect(lines).toContain(
      'tsm,CH02 stage 1 % within timescale,published (within-base),81.48148148148148,22,27',
    );
    expect(lines).toContain('timeliness,stage1.respond,breached,3,,');
    expect(lines).toContain('remedies,compensation,total (pence),35000,,');
  });

  it("has the themes, the learning, and each figure's counting-rule status", () => {
    const lines = figuresCsv(figures).split('\r\n');

    // Hand-worked in test/unit/domain/reporting/themes-learning.test.ts.
    expect(lines).toContain('themes,category: repairs,received stage 1,16,,');
    expect(lines).toContain('themes,category: repairs,previous stage 1,,,');
    expect(lines).toContain(
      'themes,category: repairs,stage 1 % upheld in whole or part,50,8,16',
    );
    expect(lines).toContain('themes,compared,2024/25,no,,');
    expect(lines).toContain('learning,actions agreed,overdue,1,,');
    expect(lines).toContain('learning,learning notes,all,3,,');
    expect(lines).toContain(
      'learning,action (damp-and-mould): Treat the mould in the bedroom,HTH-A1,overdue,,',
    );
    expect(lines).toContain(
      'learning,learning (staff-conduct) closed 2025-07-25,HTH-R06,Officers give their name and team on every call.,,',
    );
    expect(lines).toContain(
      'tsm,"CH01 stage 1 per 1,000 homes",counting rules (overall),unverified,,',
    );
    expect(lines).toContain(
      'tsm,CH02 stage 2 % within timescale,counting rules,unverified,,',
    );
    expect(lines).toContain(
      'rules,citation: bothParts,"RSH CEO letter, Annex B (11 March 2025), Technical Requirements paras 6–7, 22–23",verified,,',
    );
    const next = figuresCsv(
      boardFigures(
        { complaints, stock, period: reportingYear(tsm2024, 2026) },
        tsm2024,
      ),
    ).split('\r\n');
    expect(next).toContain('themes,category: repairs,change stage 1,1,,');
    expect(next).toContain(
      'themes,category: communication,change stage 1,-2,,',
    );
  });

  it('escapes hostile text in rows', () => {
    const lines = figuresCsv(hostile).split('\r\n');

    expect(lines).toContain(
      `learning,"action (<b>cat</b>): =cmd|""/c calc""!A1 <iframe>",HTH-1,open,,`,
    );
    expect(lines).toContain(
      "learning,learning (<b>cat</b>) closed 2025-05-02,HTH-1,'@SUM(1) <script>alert(1)</script>,,",
    );
    expect(lines).toContain(
      `volumes,"by category: =HYPERLINK(""x""),""<b>&",stage 1,1,,`,
    );
    expect(lines).toContain(
      'timeliness,stage1.respond breach,<img src=x onerror=alert(1)>,1,,',
    );
  });
});

describe('SVG charts', () => {
  it('are images with a title and a description naming every figure', () => {
    const svg = volumesByMonthChart(figures.volumes);

    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img"/,
    );
    expect(svg).toContain(
      'aria-labelledby="volumes-by-month-title volumes-by-month-desc"',
    );
    expect(svg).toContain(
      '<title id="volumes-by-month-title">Complaints received by month, stage 1 and stage 2</title>',
    );
    for (const m of figures.volumes.byMonth) {
      expect(svg).toContain(
        `${m.month}: stage 1 ${m.stage1}, stage 2 ${m.stage2}`,
      );
    }
    expect(svg.match(/<rect [^>]*fill="#1d70b8"><title>/g)).toHaveLength(12);
    const clocks = timelinessChart(figures.timeliness);
    expect(clocks).toContain('stage1.respond: 24 met, 3 breached');
    expect(clocks).toContain('<title>stage1.respond: 3 breached</title>');
  });

  it('escape every label', () => {
    const months = volumesByMonthChart(hostile.volumes);
    const clocks = timelinessChart([
      { clock: 'x"><script>' as never, met: 0, breached: 0, breaches: [] },
    ]);

    expect(months).not.toContain('<script>');
    expect(months).toContain('2025-04&lt;/text&gt;&lt;script&gt;');
    expect(clocks).not.toContain('<script>');
    expect(clocks).toContain('x&quot;&gt;&lt;script&gt;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('draw an empty period without dividing by zero', () => {
    const empty = volumesByMonthChart({ ...figures.volumes, byMonth: [] });
    const clocks = timelinessChart([]);

    expect(empty).toContain('No months in the period.');
    expect(empty).not.toContain('NaN');
    expect(clocks).toContain('No clocks settled in the period.');
  });
});

describe('the HTML report', () => {
  it('escapes data and says which CH02 basis is published', () => {
    const html = reportHtml(hostile, {
      landlord: 'Riverside <Homes>',
      generatedAt: '2026-04-01T07:00:00Z',
    });

    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Riverside &lt;Homes&gt;');
    expect(html.match(/<strong>\(published\)<\/strong>/g)).toHaveLength(2);
    expect(html).toContain('within-base');
    expect(html).toContain('&lt;script&gt;theme&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;cat&lt;/b&gt;');
    expect(html).toContain('=cmd|&quot;/c calc&quot;!A1 &lt;iframe&gt;');
    expect(html).toContain('@SUM(1) &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<iframe>');
    expect(html).not.toContain('<b>cat');
  });

  it("shows each CH01 and CH02 figure's counting-rule status", () => {
    const html = reportHtml(figures, meta);
    const ch01 = section(html, 'CH01: complaints received per 1,000 homes');
    const ch02 = section(
      html,
      'CH02: complaints responded to within the Code timescales',
    );

    expect(ch01).toContain('<th scope="col">Counting rules</th>');
    expect(
      ch01.match(
        /overall <strong>unverified<\/strong>; LCRA and LCHO <strong>unverified<\/strong>/g,
      ),
    ).toHaveLength(2);
    expect(ch02.match(/<td><strong>unverified<\/strong><\/td>/g)).toHaveLength(
      2,
    );
    expect(html).toContain('ch02Basis: unverified');
    expect(html).toContain('bothParts: verified');
    expect(html).toContain('Check any figure not verified');
  });

  it('has a themes section and a learning section with the hand-worked figures', () => {
    const html = reportHtml(figures, meta);
    const themes = section(html, 'Complaints by category');
    const learning = html.slice(
      html.indexOf('<h2>Learning and service improvements</h2>'),
    );

    // Hand-worked in test/unit/domain/reporting/themes-learning.test.ts.
    expect(themes).toContain(
      '<td>repairs</td><td>16 / 3</td><td>n/a</td><td>n/a</td><td>50% <span class="note">(8 of 16)</span></td><td>50% <span class="note">(1 of 2)</span></td>',
    );
    expect(html).toContain('No comparison with 2024/25');
    expect(learning).toContain(
      '1 action agreed in responses in the period: 0 completed, 1 overdue and 0 open at the period end. 3 learning notes recorded at closure.',
    );
    expect(learning).toContain('<h3>damp-and-mould</h3>');
    expect(learning).toContain(
      '<td>HTH-A1</td><td>action</td><td>Treat the mould in the bedroom</td><td>2026-02-10</td><td>2026-03-20</td><td>overdue</td>',
    );
    expect(learning).toContain(
      '<td>HTH-R06</td><td>2025-07-25</td><td>Officers give their name and team on every call.</td>',
    );
    const next = reportHtml(
      boardFigures(
        { complaints, stock, period: reportingYear(tsm2024, 2026) },
        tsm2024,
      ),
      meta,
    );
    expect(next).toContain(
      '<td>communication</td><td>2 / 0</td><td>4 / 0</td><td>-2 / 0</td>',
    );
    expect(next).toContain('<td>completed 2027-03-05</td>');
  });

  it('says so when there is no learning in the period', () => {
    const html = reportHtml(
      {
        ...figures,
        learning: {
          byCategory: [],
          counts: { completed: 0, overdue: 0, open: 0 },
          notes: 0,
        },
      },
      meta,
    );

    expect(html).toContain('None in the period.');
  });
});

const meta = { landlord: 'Riverside', generatedAt: '2026-04-01T07:00:00Z' };

/** The table with this caption. */
function section(html: string, caption: string): string {
  const start = html.indexOf(`<caption>${caption}</caption>`);
  return html.slice(start, html.indexOf('</table>', start));
}

describe('the Board email', () => {
  const links = consoleReportLinks(
    'https://complaints.example.org/',
    '2026-05',
  );

  it('links to the period in the staff console, never to the bucket', () => {
    expect(links.map((l) => l.href)).toEqual([
      'https://complaints.example.org/console/reports/2026-05/board-report.html',
      'https://complaints.example.org/console/reports/2026-05/board-report.csv',
      'https://complaints.example.org/console/reports/2026-05/board-report.json',
      'https://complaints.example.org/console/reports',
    ]);
    expect(
      consoleReportLinks('http://127.0.0.1:3000', '2026-04-01_2026-11-30')[0]
        ?.href,
    ).toBe(
      'http://127.0.0.1:3000/console/reports/2026-04-01_2026-11-30/board-report.html',
    );

    const html = emailHtml(figures, meta, links);
    const text = emailText(figures, links);

    expect(html).toContain(
      '<a href="https://complaints.example.org/console/reports/2026-05/board-report.html">Read the report</a>',
    );
    expect(html).toContain('asks you to sign in');
    expect(html).not.toContain('s3://');
    expect(text).toContain(
      'Read the report: https://complaints.example.org/console/reports/2026-05/board-report.html',
    );
    expect(text).toContain(
      'Counting rules: CH01 unverified (LCRA and LCHO unverified), CH02 unverified',
    );
    expect(text).not.toContain('s3://');
  });

  it('escapes the link it is given', () => {
    const html = emailHtml(figures, meta, [
      { text: '<b>x</b>', href: 'https://x.example/"><script>' },
    ]);

    expect(html).toContain(
      '<a href="https://x.example/&quot;&gt;&lt;script&gt;">&lt;b&gt;x&lt;/b&gt;</a>',
    );
  });
});

describe('the report period and documents', () => {
  it('defaults to the calendar month before today, or takes the dates given', () => {
    expect(reportPeriod('2026-12-01')).toEqual({
      label: '2026-11',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(reportPeriod('2027-01-15')).toEqual({
      label: '2026-12',
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(reportPeriod('2026-03-10')).toMatchObject({ to: '2026-02-28' });
    expect(
      reportPeriod('2026-12-01', { from: '2026-04-01', to: '2026-11-30' }),
    ).toEqual({
      label: '2026-04-01_2026-11-30',
      from: '2026-04-01',
      to: '2026-11-30',
    });
    expect(
      reportPeriod('2026-12-01', { from: '2026-02-01', to: '2026-02-28' })
        .label,
    ).toBe('2026-02');
    expect(() => reportPeriod('2026-12-01', { from: '2026-04-01' })).toThrow(
      /both/,
    );
    expect(() =>
      reportPeriod('2026-12-01', { from: '2026-05-01', to: '2026-04-01' }),
    ).toThrow(/after/);
  });

  it('reads 24 months back from the period start', () => {
    expect(
      monthsToRead({ label: 'x', from: '2026-04-15', to: '2026-11-30' }),
    ).toEqual({ from: '2024-04', to: '2026-11' });
  });

  it('parses the stock variable or says why not', () => {
    expect(parseStock(JSON.stringify(stock))).toEqual(stock);
    expect(() => parseStock('nope')).toThrow(/not JSON/);
    expect(() => parseStock('[{"yearFrom":"2026"}]')).toThrow(/housing stock/);
  });

  it('makes the HTML, CSV and JSON under the period key', () => {
    const report = boardReport({
      states: complaints.map((c) => c.state),
      histories: new Map(complaints.map((c) => [c.state.id, c.history ?? []])),
      fallbackPolicy: complaints[0]?.policy as never,
      stock,
      period: reportingYear(tsm2024, 2025),
      meta: { landlord: 'Riverside', generatedAt: '2026-04-01T07:00:00Z' },
    });

    expect(report.documents.map((d) => d.name)).toEqual([
      'board-report.html',
      'board-report.csv',
      'board-report.json',
    ]);
    expect(JSON.parse(report.documents[2].body)).toEqual(
      JSON.parse(JSON.stringify(figures)),
    );
    // Without the histories, R06's learning (closed, then escalated) is lost.
    const statesOnly = boardReport({
      states: complaints.map((c) => c.state),
      fallbackPolicy: complaints[0]?.policy as never,
      stock,
      period: reportingYear(tsm2024, 2025),
      meta,
    });
    expect(statesOnly.figures.learning.notes).toBe(2);
    expect(reportKey('demo', '2026-11', 'board-report.csv')).toBe(
      'reports/demo/2026-11/board-report.csv',
    );
  });
});
