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
import { reportHtml } from '../../../../functions/shared/report/html.js';
import {
  timelinessChart,
  volumesByMonthChart,
} from '../../../../functions/shared/report/svg.js';
import {
  referenceComplaints,
  stock,
} from '../../../fixtures/reporting/reference-complaints.js';

const figures: BoardFigures = boardFigures(
  {
    complaints: referenceComplaints(),
    stock,
    period: reportingYear(tsm2024, 2025),
  },
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

  it('escapes hostile text in rows', () => {
    const lines = figuresCsv(hostile).split('\r\n');

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
      states: referenceComplaints().map((c) => c.state),
      fallbackPolicy: referenceComplaints()[0]?.policy as never,
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
    expect(reportKey('demo', '2026-11', 'board-report.csv')).toBe(
      'reports/demo/2026-11/board-report.csv',
    );
  });
});
