import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../functions/shared/adapters/s3/object-store.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import type { LocalStack } from '../../infra/local/start.js';
import { startTestStack } from './support/stack.js';

const ORG = 'console-reports-org';
const OTHER = 'console-reports-other';
const BUCKET = 'hearth-reports';
let stack: LocalStack;
let site: string;
let s3: S3Client;
let reports: S3ObjectStore;

const HTML =
  '<!doctype html><html><head><style>h1 { color: #0b0c0c; }</style></head><body><h1>Board report May 2026</h1></body></html>';

beforeAll(async () => {
  stack = await startTestStack({ organisationId: ORG });
  site = String(stack.urls.site ?? stack.urls.api);
  s3 = new S3Client({
    endpoint: String(process.env.AWS_ENDPOINT_URL_S3),
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });
  reports = new S3ObjectStore(s3, BUCKET);
  const put = (org: string, label: string, name: string, body: string) =>
    reports.put(
      `reports/${org}/${label}/${name}`,
      body,
      name.endsWith('.html')
        ? 'text/html; charset=utf-8'
        : name.endsWith('.csv')
          ? 'text/csv; charset=utf-8'
          : 'application/json',
      { period: label },
    );
  for (const label of ['2026-04', '2026-05', '2026-04-01_2026-11-30']) {
    await put(ORG, label, 'board-report.html', HTML.replace('May', label));
    await put(ORG, label, 'board-report.csv', `measure,value\nCH01,${label}\n`);
    await put(ORG, label, 'board-report.json', `{"period":"${label}"}`);
  }
  await put(OTHER, '2025-12', 'board-report.html', '<p>theirs</p>');
  await put(OTHER, '2025-12', 'board-report.csv', 'theirs\n');
}, 60_000);

afterAll(async () => {
  s3?.destroy();
  await stack?.stop();
});

/** A session cookie holding an ID token minted by the local user pool. */
async function session(
  username: string,
  groups: string[],
  organisationId = ORG,
): Promise<string> {
  const response = await fetch(String(stack.urls['staff sign-in (POST)']), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups, organisationId }),
  });
  const { idToken } = (await response.json()) as { idToken: string };
  return `hearth_console_session=${idToken}`;
}

const get = (path: string, cookie: string) =>
  fetch(`${site}${path}`, { redirect: 'manual', headers: { cookie } });

describe('the object store', () => {
  it('lists every key under a prefix, and nothing of another prefix', async () => {
    expect((await reports.list(`reports/${OTHER}/`)).sort()).toEqual([
      `reports/${OTHER}/2025-12/board-report.csv`,
      `reports/${OTHER}/2025-12/board-report.html`,
    ]);
    expect(await reports.list(`reports/${ORG}/2026-05/`)).toHaveLength(3);
    expect(await reports.list('reports/nobody/')).toEqual([]);
  });
});

describe('the Board reports page', () => {
  it('lists a manager’s organisation’s reports, newest period first, and only theirs', async () => {
    const cookie = await session('meg', ['manager']);
    const response = await get('/console/reports', cookie);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('<h1 class="govuk-heading-l">Board reports</h1>');
    expect(html).toContain('href="/console/reports"');
    const order = [
      '/console/reports/2026-04-01_2026-11-30/board-report.html',
      '/console/reports/2026-05/board-report.html',
      '/console/reports/2026-04/board-report.html',
    ].map((href) => html.indexOf(`href="${href}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('2026-04-01 to 2026-11-30');
    expect(html).toContain('href="/console/reports/2026-05/board-report.csv"');
    expect(html).toContain('href="/console/reports/2026-05/board-report.json"');
    expect(html).not.toContain('2025-12');
  });

  it('serves the HTML inline under a CSP that allows its inline styles and runs nothing', async () => {
    const cookie = await session('meg', ['manager']);
    const response = await get(
      '/console/reports/2026-05/board-report.html',
      cookie,
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-disposition')).toMatch(/^inline/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain('img-src data:');
    expect(csp).not.toContain('script-src');
    expect(await response.text()).toBe(HTML.replace('May', '2026-05'));
  });

  it('serves the CSV and JSON as downloads', async () => {
    const cookie = await session('mo', ['mrc']);
    const csv = await get('/console/reports/2026-05/board-report.csv', cookie);
    const json = await get(
      '/console/reports/2026-04-01_2026-11-30/board-report.json',
      cookie,
    );

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="board-report-2026-05.csv"',
    );
    expect(await csv.text()).toBe('measure,value\nCH01,2026-05\n');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await json.json()).toEqual({ period: '2026-04-01_2026-11-30' });
  });

  it('shows the MRC the page and its navigation item, and an officer neither', async () => {
    const mrc = await session('mo', ['mrc']);
    const officer = await session('ana', ['officer']);

    const mrcPage = await get('/console/reports', mrc);
    const officerQueue = await (await get('/console', officer)).text();
    const officerPage = await get('/console/reports', officer);
    const officerFile = await get(
      '/console/reports/2026-05/board-report.csv',
      officer,
    );

    expect(mrcPage.status).toBe(200);
    expect(await mrcPage.text()).toContain('Board reports');
    expect(officerQueue).not.toContain('href="/console/reports"');
    expect(officerPage.status).toBe(403);
    expect(await officerPage.text()).toContain('You cannot do that');
    expect(officerFile.status).toBe(403);
    expect(await officerFile.text()).not.toContain('CH01');
  });

  it('does not serve another organisation’s report', async () => {
    const cookie = await session('meg', ['manager']);
    const theirs = await get(
      '/console/reports/2025-12/board-report.html',
      cookie,
    );

    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain('theirs');
  });

  it.each([
    '/console/reports/2026-13/board-report.html',
    '/console/reports/2026-5/board-report.csv',
    '/console/reports/2026-05-01/board-report.csv',
    '/console/reports/2026-05-01_2026-05/board-report.csv',
    '/console/reports/..%2F..%2Fconsole-reports-other%2F2025-12/board-report.csv',
    '/console/reports/2026-05/board-report.pdf',
    '/console/reports/2026-05/other.csv',
    '/console/reports/2026-05',
    '/console/reports/2030-01/board-report.html',
  ])('answers %s with 404', async (path) => {
    const cookie = await session('meg', ['manager']);
    const response = await get(path, cookie);

    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page not found');
  });
});
