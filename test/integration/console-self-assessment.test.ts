import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slugOf, yearOf } from '../../functions/console/reporting-years.js';
import { keys } from '../../functions/shared/adapters/dynamodb/keys.js';
import {
  DynamoDbSelfAssessmentRepository,
  SelfAssessmentConflictError,
} from '../../functions/shared/adapters/dynamodb/self-assessment-repository.js';
import { S3ObjectStore } from '../../functions/shared/adapters/s3/object-store.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import type { LocalStack } from '../../infra/local/start.js';
import { startTestStack } from './support/stack.js';

const ORG = 'console-sa-org';
const TABLE = 'hearth-local';
let stack: LocalStack;
let site: string;
let documents: DynamoDBDocumentClient;
let repository: DynamoDbSelfAssessmentRepository;
let s3: S3Client;

/** Today in London, and the reporting year it is in. */
const today = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
}).format(new Date());
const year = yearOf(today);
const slug = slugOf(year);
const label = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
const path = `/console/self-assessment/${slug}`;

beforeAll(async () => {
  stack = await startTestStack({ organisationId: ORG });
  site = String(stack.urls.site ?? stack.urls.api);
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: String(process.env.AWS_ENDPOINT_URL_DYNAMODB),
      region: localRegion,
      credentials: localCredentials,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  repository = new DynamoDbSelfAssessmentRepository({
    client: documents,
    tableName: TABLE,
  });
  s3 = new S3Client({
    endpoint: String(process.env.AWS_ENDPOINT_URL_S3),
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });
}, 60_000);

afterAll(async () => {
  documents?.destroy();
  s3?.destroy();
  await stack?.stop();
});

/** A session cookie holding an ID token minted by the local user pool. */
async function session(username: string, groups: string[]): Promise<string> {
  const response = await fetch(String(stack.urls['staff sign-in (POST)']), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups, organisationId: ORG }),
  });
  const { idToken } = (await response.json()) as { idToken: string };
  return `hearth_console_session=${idToken}`;
}

interface Page {
  readonly status: number;
  readonly location: string | null;
  readonly type: string | null;
  readonly html: string;
  readonly text: string;
}

function textOf(html: string): string {
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

async function read(response: Response): Promise<Page> {
  const html = await response.text();
  return {
    status: response.status,
    location: response.headers.get('location'),
    type: response.headers.get('content-type'),
    html,
    text: textOf(html),
  };
}

const get = async (to: string, cookie: string) =>
  read(
    await fetch(`${site}${to}`, { redirect: 'manual', headers: { cookie } }),
  );

const post = async (to: string, cookie: string, fields: [string, string][]) =>
  read(
    await fetch(`${site}${to}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: site },
      body: new URLSearchParams(fields),
    }),
  );

/** The hidden draft and revision a page's form carries. */
const readAt = (page: Page): [string, string][] => [
  ['draft', /name="draft" value="(\d+)"/.exec(page.html)?.[1] ?? 'none'],
  ['revision', /name="revision" value="(\d+)"/.exec(page.html)?.[1] ?? 'none'],
];

const errorSummaryOf = (page: Page) =>
  /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(page.html)?.[0] ?? '';

/** Every clause the page has an evidence box for. */
const textareas = (page: Page) =>
  [...page.html.matchAll(/<textarea[^>]*name="evidence-(\d+)-(\d+)"/g)].map(
    (m) => `${m[1]}.${m[2]}`,
  );

describe('who may see the self-assessment', () => {
  it('refuses an officer every page and post, and shows them no link', async () => {
    const officer = await session('ana', ['officer']);
    const queue = await get('/console', officer);

    expect(queue.html).not.toContain('href="/console/self-assessment"');
    expect(queue.html).not.toContain('href="/console/annual-report"');
    for (const to of [
      '/console/self-assessment',
      path,
      `${path}/self-assessment.pdf`,
      '/console/annual-report',
      `/console/annual-report/${slug}`,
      '/console/reports/new',
    ]) {
      expect((await get(to, officer)).status, to).toBe(403);
    }
    for (const to of [
      path,
      `${path}/approve`,
      `/console/annual-report/${slug}`,
    ]) {
      expect((await post(to, officer, [])).status, to).toBe(403);
    }
  });

  it('links managers and the MRC to both from the navigation', async () => {
    for (const groups of [['manager'], ['mrc']]) {
      const page = await get('/console', await session('meg', groups));
      expect(page.html).toContain('href="/console/self-assessment"');
      expect(page.html).toContain('href="/console/annual-report"');
    }
  });

  it('lists the reporting years, this one not started', async () => {
    const page = await get(
      '/console/self-assessment',
      await session('meg', ['manager']),
    );

    expect(page.status).toBe(200);
    expect(page.html).toContain(`href="${path}"`);
    expect(page.text).toContain(`${label} Not started`);
  });

  it('answers a year to come, or a malformed one, with 404', async () => {
    const manager = await session('meg', ['manager']);
    for (const to of [
      `/console/self-assessment/${slugOf(year + 1)}`,
      `/console/self-assessment/${year}-${year % 100}`,
      `/console/annual-report/${slugOf(year + 1)}`,
    ]) {
      expect((await get(to, manager)).status, to).toBe(404);
    }
  });
});

describe('a manager’s self-assessment', () => {
  it('shows every clause by Code section with its answer, its figures and a labelled box', async () => {
    const page = await get(path, await session('meg', ['manager']));
    const clauses = textareas(page);

    expect(page.status).toBe(200);
    expect(page.html).toContain(
      `<h1 class="govuk-heading-l">Self-assessment ${label}</h1>`,
    );
    expect(page.text).toContain('Not started');
    expect(clauses).toHaveLength(48);
    expect(clauses.slice(0, 3)).toEqual(['1.2', '1.3', '1.4']);
    expect(page.html).toContain(
      '<h2 class="govuk-heading-m">Section 6: Complaint stages</h2>',
    );
    expect(page.html).toMatch(
      /<label class="govuk-label govuk-label--s" for="evidence-6-2">\s*Evidence for clause 6.2\s*<\/label>/,
    );
    expect(page.text).toContain(
      'Stage 1 acknowledged within 5 working days: none fell due.',
    );
    expect(page.text).toContain(
      'Policy code-2024 2024-04: the policy check finds no departure from the Code.',
    );
  });

  it('refuses approval naming each row that needs evidence, linked to its box, and keeps what was typed', async () => {
    const manager = await session('meg', ['manager']);
    const page = await get(path, manager);

    const refused = await post(`${path}/approve`, manager, [
      ...readAt(page),
      ['evidence-1-3', 'Staff offer the choice <b>whenever</b> dissatisfied.'],
    ]);
    const summary = errorSummaryOf(refused);

    expect(refused.status).toBe(400);
    expect(summary).toContain('href="#evidence-1-4"');
    expect(summary).toContain(
      'Clause 1.4 needs evidence: say how the requirement is met',
    );
    expect(summary).not.toContain('#evidence-1-3"');
    expect(summary).not.toContain('#evidence-6-2"');
    expect(refused.html).toMatch(
      /id="evidence-1-4-error"[^>]*>\s*<span class="govuk-visually-hidden">Error:<\/span> Clause 1.4 needs evidence/,
    );
    expect(refused.html).toContain(
      'Staff offer the choice &lt;b&gt;whenever&lt;/b&gt; dissatisfied.</textarea>',
    );
    expect((await get(path, manager)).text).toContain('Not started');
  });

  it('saves the evidence, then refuses a save made from the page as it was before', async () => {
    const manager = await session('meg', ['manager']);
    const before = await get(path, manager);

    const saved = await post(path, manager, [
      ...readAt(before),
      ['evidence-1-3', 'Line one\nLine two'],
    ]);
    const after = await get(`${path}?done=saved`, manager);
    const stale = await post(path, await session('max', ['manager']), [
      ...readAt(before),
      ['evidence-1-4', 'Typed by max'],
    ]);

    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${path}?done=saved`);
    expect(after.text).toContain('Draft 1: not approved');
    expect(after.text).toContain('The evidence is saved.');
    expect(after.html).toContain('Line one\nLine two</textarea>');
    expect(stale.status).toBe(409);
    expect(errorSummaryOf(stale)).toContain(
      'Someone else changed this self-assessment while you were working on it',
    );
    expect(stale.html).toContain('Typed by max</textarea>');
    expect(readAt(stale)).toEqual(readAt(after));
    expect((await get(path, manager)).html).not.toContain('Typed by max');
  });

  it('refuses evidence over 2,000 characters on its row, saving nothing', async () => {
    const manager = await session('meg', ['manager']);
    const page = await get(path, manager);

    const refused = await post(path, manager, [
      ...readAt(page),
      ['evidence-2-1', 'x'.repeat(2001)],
    ]);

    expect(refused.status).toBe(400);
    expect(errorSummaryOf(refused)).toContain('href="#evidence-2-1"');
    expect(errorSummaryOf(refused)).toContain(
      'Evidence for clause 2.1 must be 2,000 characters or fewer',
    );
    expect(readAt(await get(path, manager))).toEqual(readAt(page));
  });
});

describe('approval for the governing body', () => {
  it('lets the MRC read and approve but not write, and names the rows when refused', async () => {
    const mrc = await session('mo', ['mrc']);
    const page = await get(path, mrc);

    const write = await post(path, mrc, [
      ...readAt(page),
      ['evidence-1-4', 'x'],
    ]);
    const refused = await post(`${path}/approve`, mrc, readAt(page));

    expect(page.status).toBe(200);
    expect(textareas(page)).toEqual([]);
    expect(page.text).toContain('Evidence: Line one Line two');
    expect(page.html).toContain('Line one<br>Line two');
    expect(write.status).toBe(403);
    expect(refused.status).toBe(400);
    expect(errorSummaryOf(refused)).toContain('href="#clause-1-4"');
  });

  it('records who approved, in which role and when, and then never changes', async () => {
    const manager = await session('meg', ['manager']);
    const page = await get(path, manager);
    const evidence = textareas(page).map((clause): [string, string] => [
      `evidence-${clause.replace('.', '-')}`,
      `How ${clause} is met.`,
    ]);
    await post(path, manager, [...readAt(page), ...evidence]);
    const ready = await get(path, manager);

    const approved = await post(
      `${path}/approve`,
      await session('mo', ['mrc']),
      readAt(ready),
    );
    const shown = await get(`${path}?done=approved`, manager);
    const late = await post(path, manager, [
      ...readAt(ready),
      ['evidence-1-2', 'Too late <i>x</i>'],
    ]);

    expect(approved.status).toBe(303);
    expect(approved.location).toBe(`${path}?done=approved`);
    expect(shown.text).toContain('Draft 1: approved');
    expect(shown.text).toMatch(
      /Approved for the governing body by mo \(Member Responsible for Complaints\) on \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}/,
    );
    expect(textareas(shown)).toEqual([]);
    expect(shown.html).toMatch(/<button[^>]*>\s*Start a new draft\s*</);
    expect(late.status).toBe(409);
    // Shown to copy into a new draft, and saved nowhere.
    expect(late.text).toContain('What you typed, not saved: Too late <i>x</i>');
    expect(late.html).toContain('Too late &lt;i&gt;x&lt;/i&gt;');
    expect(textareas(late)).toEqual([]);
    const stored = await repository.latest(ORG, year);
    expect(stored).toMatchObject({
      draft: 1,
      status: 'approved',
      approval: { by: 'mo', role: 'mrc' },
      snapshot: {
        approval: {
          by: 'mo',
          role: 'Member Responsible for Complaints',
          on: today,
        },
      },
    });
    expect(
      stored?.snapshot?.rows.find((r) => r.clause === '1.3')?.evidence,
    ).toBe('How 1.3 is met.');
  });

  it('starts a new draft from the approved one, which stays readable as approved', async () => {
    const manager = await session('meg', ['manager']);
    const approved = await get(path, manager);

    const started = await post(`${path}/new-draft`, manager, readAt(approved));
    const draft2 = await get(path, manager);
    const draft1 = await get(`${path}?draft=1`, manager);
    const again = await post(`${path}/new-draft`, manager, readAt(approved));

    expect(started.status).toBe(303);
    expect(draft2.text).toContain('Draft 2: not approved');
    expect(draft2.html).toContain('How 1.3 is met.</textarea>');
    expect(draft2.html).toContain(`href="${path}?draft=1"`);
    expect(draft1.text).toContain('Draft 1: approved');
    expect(draft1.text).toContain('You are reading an earlier draft');
    expect(textareas(draft1)).toEqual([]);
    expect(again.status).toBe(409);
    expect(
      (await repository.drafts(ORG, year)).map((d) => [d.draft, d.status]),
    ).toEqual([
      [2, 'draft'],
      [1, 'approved'],
    ]);
  });

  it('prints without the navigation, and downloads as a PDF, with the approval', async () => {
    const manager = await session('meg', ['manager']);

    const print = await get(`${path}?format=print&draft=1`, manager);
    const pdf = await fetch(`${site}${path}/self-assessment.pdf?draft=1`, {
      headers: { cookie: manager },
    });
    const bytes = Buffer.from(await pdf.arrayBuffer());

    expect(print.status).toBe(200);
    expect(print.html).not.toContain('govuk-service-navigation');
    expect(print.html).not.toContain('govuk-footer');
    expect(print.text).toContain(
      `Complaint Handling Code self-assessment ${label}`,
    );
    expect(print.text).toContain(
      'Approved for the governing body by mo (Member Responsible for Complaints)',
    );
    expect(print.text).toContain('Clause 6.2: Complies');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="self-assessment-${slug}-draft-1.pdf"`,
    );
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('a draft started under another policy (Code 8.3)', () => {
  const past = year - 1;
  const pastPath = `/console/self-assessment/${slugOf(past)}`;

  it('says so, will not be approved, and offers a new draft under the policy in force', async () => {
    await repository.save(
      {
        organisationId: ORG,
        year: past,
        draft: 1,
        status: 'draft',
        policy: { id: 'livewest-2025', version: '2025-07' },
        evidence: { '1.3': 'Old evidence' },
        updatedBy: 'meg',
        updatedAt: '2026-01-05T10:00:00Z',
      },
      0,
    );
    const manager = await session('meg', ['manager']);
    const page = await get(pastPath, manager);

    const refused = await post(`${pastPath}/approve`, manager, readAt(page));
    const started = await post(`${pastPath}/new-draft`, manager, readAt(page));
    const fresh = await get(pastPath, manager);

    expect(page.text).toContain(
      'This draft was started under policy livewest-2025 2025-07. The policy in force is now code-2024 2024-04.',
    );
    expect(page.html).toMatch(/<button[^>]*>\s*Start a new draft\s*</);
    expect(page.html).not.toMatch(/formaction="[^"]*\/approve"/);
    expect(refused.status).toBe(400);
    expect(errorSummaryOf(refused)).toContain('Start a new draft');
    expect(started.status).toBe(303);
    expect(fresh.text).toContain('Draft 2: not approved');
    expect(fresh.text).not.toContain('This draft was started under policy');
    expect(fresh.html).toContain('Old evidence</textarea>');
    expect(await repository.draft(ORG, past, 1)).toMatchObject({
      status: 'superseded',
    });
  });
});

describe('the self-assessment store', () => {
  it('keeps every key under the organisation, and refuses a write from a stale read', async () => {
    const other = 'console-sa-other';
    const first = await repository.save(
      {
        organisationId: other,
        year: 2024,
        draft: 1,
        status: 'draft',
        policy: { id: 'code-2024', version: '2024-04' },
        evidence: {},
        updatedBy: 'x',
        updatedAt: '2026-01-05T10:00:00Z',
      },
      0,
    );
    const { Item } = await documents.send(
      new GetCommand({
        TableName: TABLE,
        Key: keys.selfAssessment(other, 2024, 1),
      }),
    );

    expect(Item?.pk).toBe(`ORG#${other}#SELF_ASSESSMENT`);
    expect(Item?.sk).toBe('YEAR#2024#DRAFT#0000000001');
    expect(Item?.kind).toBe('self-assessment');
    expect(keys.annualReport(other, 2024)).toEqual({
      pk: `ORG#${other}#ANNUAL_REPORT`,
      sk: 'YEAR#2024',
    });
    await expect(repository.save(first, 0)).rejects.toBeInstanceOf(
      SelfAssessmentConflictError,
    );
    await expect(
      repository.startDraft({ ...first, revision: 7 }, first),
    ).rejects.toBeInstanceOf(SelfAssessmentConflictError);
    expect(await repository.drafts(ORG, 2024)).toEqual([]);
    expect((await repository.drafts(other)).map((d) => d.year)).toEqual([2024]);
  });
});

describe('the annual report', () => {
  const reportPath = `/console/annual-report/${slug}`;

  it('carries the approved self-assessment and the year’s figures, section by section', async () => {
    const page = await get(reportPath, await session('mo', ['mrc']));

    expect(page.status).toBe(200);
    expect(page.html).toContain(
      `Annual complaints performance and service improvement report ${label}`,
    );
    expect(page.text).toContain(
      'The report carries draft 1 of the self-assessment, as approved. A newer draft is in progress.',
    );
    for (const heading of [
      '1. Self-assessment against the Complaint Handling Code',
      '2. Tenant Satisfaction Measures',
      '8. The governing body’s response',
    ]) {
      expect(page.html).toContain(
        `<h2 class="govuk-heading-m">${heading}</h2>`,
      );
    }
    expect(page.html).not.toContain('name="boardResponse"');
  });

  it('saves what a manager adds, naming a bad line, and refuses a stale save', async () => {
    const manager = await session('meg', ['manager']);
    const page = await get(reportPath, manager);
    const revision = /name="revision" value="(\d+)"/.exec(page.html)?.[1] ?? '';

    const bad = await post(reportPath, manager, [
      ['revision', revision],
      ['determinations', '202412345: No maladministration\nno colon'],
    ]);
    const saved = await post(reportPath, manager, [
      ['revision', revision],
      ['boardResponse', 'The Board accepts the report & its actions.'],
      ['determinations', '202412345: No maladministration'],
      ['learning', 'Repairs triage by video call'],
    ]);
    const shown = await get(reportPath, manager);
    const stale = await post(reportPath, manager, [
      ['revision', revision],
      ['boardResponse', 'Overwritten?'],
    ]);

    expect(bad.status).toBe(400);
    expect(errorSummaryOf(bad)).toContain('href="#determinations"');
    expect(errorSummaryOf(bad)).toContain(
      'Ombudsman determinations, line 2: give the Ombudsman’s reference, a colon, then the finding',
    );
    expect(saved.status).toBe(303);
    expect(shown.text).toContain('The Board accepts the report & its actions.');
    expect(shown.html).toContain(
      '<td class="govuk-table__cell">202412345</td>',
    );
    expect(shown.text).toContain('Repairs triage by video call');
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('Overwritten?</textarea>');
    expect((await get(reportPath, manager)).text).not.toContain('Overwritten?');
  });

  it('prints and downloads as a PDF', async () => {
    const mrc = await session('mo', ['mrc']);
    const print = await get(`${reportPath}?format=print`, mrc);
    const pdf = await fetch(`${site}${reportPath}/annual-report.pdf`, {
      headers: { cookie: mrc },
    });

    expect(print.status).toBe(200);
    expect(print.html).not.toContain('govuk-service-navigation');
    expect(print.text).toContain('The Board accepts the report & its actions.');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});

describe('a Board report on demand', () => {
  const date = (name: string, iso: string): [string, string][] => {
    const [y = '', m = '', d = ''] = iso.split('-');
    return [
      [`${name}.day`, String(Number(d))],
      [`${name}.month`, String(Number(m))],
      [`${name}.year`, y],
    ];
  };
  const from = `${year}-04-01`;

  it('is for managers only', async () => {
    const mrc = await session('mo', ['mrc']);

    expect((await get('/console/reports/new', mrc)).status).toBe(403);
    expect((await post('/console/reports/new', mrc, [])).status).toBe(403);
    expect((await get('/console/reports', mrc)).html).not.toContain(
      'href="/console/reports/new"',
    );
  });

  it('names each field’s problem', async () => {
    const manager = await session('meg', ['manager']);
    const form = await get('/console/reports/new', manager);

    const refused = await post('/console/reports/new', manager, [
      ...date('from', from),
      ['to.day', '31'],
      ['to.month', '3'],
      ['to.year', String(year)],
    ]);

    expect(form.status).toBe(200);
    expect(form.html).toContain('id="report-from"');
    expect(refused.status).toBe(400);
    expect(errorSummaryOf(refused)).toContain('href="#report-to"');
    expect(errorSummaryOf(refused)).toContain(
      'The date the report runs to must be the same as or after the date it starts from',
    );
  });

  it('builds the report as the monthly run does, stores it beside them and shows it', async () => {
    const manager = await session('meg', ['manager']);

    const made = await post('/console/reports/new', manager, [
      ...date('from', from),
      ...date('to', today),
    ]);
    const reportLabel = from === today ? from.slice(0, 7) : `${from}_${today}`;
    const shown = await get(made.location ?? '', manager);
    const list = await get('/console/reports', manager);
    const keys = await new S3ObjectStore(s3, 'hearth-reports').list(
      `reports/${ORG}/${reportLabel}/`,
    );

    expect(made.status).toBe(303);
    expect(made.location).toBe(
      `/console/reports/${reportLabel}/board-report.html`,
    );
    expect(shown.status).toBe(200);
    expect(shown.type).toMatch(/^text\/html/);
    expect(list.html).toContain(
      `href="/console/reports/${reportLabel}/board-report.csv"`,
    );
    expect(keys.sort()).toEqual(
      ['csv', 'html', 'json'].map(
        (f) => `reports/${ORG}/${reportLabel}/board-report.${f}`,
      ),
    );
  });
});
