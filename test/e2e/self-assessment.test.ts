/**
 * The Code self-assessment and the annual report in real headless
 * Chromium against the real `npm start`: manager meg writes evidence,
 * asks for approval and is told which clauses still need it, fills them
 * and approves; the printable view and the PDF; the Member Responsible
 * for Complaints reads it; the annual report with the governing body's
 * response; and a Board report made for a period of meg's choosing.
 * Every page visited gets `checkPage` (axe, keyboard, screenshots). The
 * tests run in order and share meg's session.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchChromium } from './support/browser.js';
import { type RunningHearth, startHearth } from './support/hearth.js';
import {
  bannerOf,
  fillDate,
  focusedId,
  londonToday,
  mainText,
  signIn,
  siteOf,
  textOf,
} from './support/people.js';

let hearth: RunningHearth;
let browser: Browser;
let site: string;
let meg: { context: BrowserContext; page: Page };

/** This reporting year (1 April to 31 March) as `2026/27`. */
const today = londonToday();
const startYear =
  Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
const label = `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;

beforeAll(async () => {
  [hearth, browser] = await Promise.all([startHearth(), launchChromium()]);
  site = siteOf(hearth);
});
afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
});

/** The error summary's text, or '' when the page has none. */
async function problemsOn(page: Page): Promise<string> {
  const summary = page.locator('.govuk-error-summary');
  return (await summary.count()) === 0 ? '' : textOf(summary);
}

/** A download's first bytes, fetched with the page's own session. */
async function download(page: Page, link: string) {
  const href = await page
    .getByRole('link', { name: link })
    .getAttribute('href');
  const response = await page.context().request.get(`${site}${href}`);
  return {
    type: response.headers()['content-type'],
    start: (await response.body()).subarray(0, 5).toString(),
  };
}

describe('the self-assessment, from the first evidence to approval', () => {
  it('manager meg finds this year’s self-assessment from the navigation', async () => {
    meg = await signIn(browser, hearth, 'meg', {
      groups: ['Complaints manager (manager)'],
    });
    const { page } = meg;
    await page.getByRole('link', { name: 'Self-assessment' }).click();
    await page.waitForURL(`${site}/console/self-assessment`);
    expect(await textOf(page.locator('h1'))).toBe('Self-assessments');
    await checkPage(page, 'self-assessment-years');

    await page.getByRole('link', { name: label }).click();
    await page.waitForLoadState();
    expect(await textOf(page.locator('h1'))).toBe(`Self-assessment ${label}`);
    expect(await textOf(page.locator('main .govuk-caption-l'))).toBe(
      'Not started',
    );
    expect(
      await page.getByRole('textbox', { name: /^Evidence for clause/ }).count(),
    ).toBe(48);
    expect(await mainText(page)).toContain(
      'Stage 1 acknowledged within 5 working days: none fell due.',
    );
    await checkPage(page, 'self-assessment');
  });

  it('saves evidence for a clause', async () => {
    const { page } = meg;
    await page
      .getByLabel('Evidence for clause 1.3', { exact: true })
      .fill(
        'Call handlers offer to log a complaint whenever a resident is unhappy.',
      );
    await page.getByRole('button', { name: 'Save evidence' }).click();
    await page.waitForURL(/\?done=saved$/);
    expect(await bannerOf(page)).toContain('The evidence is saved.');
    expect(await textOf(page.locator('main .govuk-caption-l'))).toBe(
      'Draft 1: not approved',
    );
    expect(
      await page
        .getByLabel('Evidence for clause 1.3', { exact: true })
        .inputValue(),
    ).toContain('Call handlers offer');
  });

  it('is refused approval while clauses need evidence, each named and linked to its box', async () => {
    const { page } = meg;
    await page
      .getByRole('button', { name: 'Approve for the governing body' })
      .click();
    await page.waitForLoadState();
    const problems = await problemsOn(page);
    expect(problems).toContain('Clause 1.4 needs evidence');
    expect(problems).not.toContain('Clause 1.3 ');
    expect(await page.title()).toMatch(/^Error: /);
    await checkPage(page, 'self-assessment-refused');

    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: /Clause 1\.4 needs evidence/ })
      .click();
    expect(await focusedId(page)).toBe('evidence-1-4');
  });

  it('fills every clause that needs evidence, then approves', async () => {
    const { page } = meg;
    const boxes = page.getByRole('textbox', { name: /^Evidence for clause/ });
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      if ((await box.inputValue()).trim() === '') {
        await box.fill(
          `Evidence held in the complaints team file, item ${i + 1}.`,
        );
      }
    }
    await page
      .getByRole('button', { name: 'Approve for the governing body' })
      .click();
    await page.waitForURL(/\?done=approved$/);
    expect(await problemsOn(page)).toBe('');
    expect(await bannerOf(page)).toContain('approved for the governing body');
    expect(await textOf(page.locator('main .govuk-caption-l'))).toBe(
      'Draft 1: approved',
    );
    expect(await mainText(page)).toMatch(
      /Approved for the governing body by meg \(complaints manager\) on /,
    );
    expect(await page.getByRole('textbox').count()).toBe(0);
    await checkPage(page, 'self-assessment-approved');
  });

  it('prints without the navigation and downloads as a PDF', async () => {
    const { page } = meg;
    const pdf = await download(page, 'Download as PDF');
    expect(pdf).toEqual({ type: 'application/pdf', start: '%PDF-' });

    await page.getByRole('link', { name: 'Printable version' }).click();
    await page.waitForURL(/\?format=print$/);
    expect(await textOf(page.locator('h1'))).toBe(
      `Complaint Handling Code self-assessment ${label}`,
    );
    expect(await page.locator('.govuk-service-navigation').count()).toBe(0);
    expect(await mainText(page)).toContain(
      'Approved for the governing body by meg',
    );
    await checkPage(page, 'self-assessment-print');
  });

  it('the Member Responsible for Complaints reads the approved self-assessment', async () => {
    const mo = await signIn(browser, hearth, 'mo', {
      groups: ['Member Responsible for Complaints (mrc)'],
    });
    const { page } = mo;
    await page.getByRole('link', { name: 'Self-assessment' }).click();
    await page.getByRole('link', { name: label }).click();
    await page.waitForLoadState();
    expect(await textOf(page.locator('main .govuk-caption-l'))).toBe(
      'Draft 1: approved',
    );
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(
      await page.getByRole('button', { name: 'Start a new draft' }).count(),
    ).toBe(0);
    await checkPage(page, 'self-assessment-mrc');
    await mo.context.close();
  });
});

describe('the annual report', () => {
  it('meg adds the governing body’s response, and prints and downloads the report', async () => {
    const { page } = meg;
    await page.goto(`${site}/console`);
    await page.getByRole('link', { name: 'Annual report' }).click();
    await page.waitForURL(`${site}/console/annual-report`);
    await checkPage(page, 'annual-report-years');
    await page.getByRole('link', { name: label }).click();
    await page.waitForLoadState();
    expect(await textOf(page.locator('h1'))).toBe(
      `Annual complaints performance and service improvement report ${label}`,
    );
    await checkPage(page, 'annual-report');

    await page
      .getByLabel('Ombudsman determinations and findings in the year')
      .fill('no reference here');
    await page.getByRole('button', { name: 'Save the report' }).click();
    await page.waitForLoadState();
    expect(await problemsOn(page)).toContain(
      'Ombudsman determinations, line 1',
    );
    await checkPage(page, 'annual-report-refused');

    await page
      .getByLabel('Ombudsman determinations and findings in the year')
      .fill('202412345: No maladministration found');
    await page
      .getByLabel('The governing body’s response')
      .fill('The Board has considered the report and accepts it.');
    await page.getByRole('button', { name: 'Save the report' }).click();
    await page.waitForURL(/\?done=saved$/);
    expect(await mainText(page)).toContain(
      'The Board has considered the report and accepts it.',
    );

    expect(await download(page, 'Download as PDF')).toEqual({
      type: 'application/pdf',
      start: '%PDF-',
    });
    await page.getByRole('link', { name: 'Printable version' }).click();
    await page.waitForURL(/\?format=print$/);
    expect(await page.locator('.govuk-service-navigation').count()).toBe(0);
    await checkPage(page, 'annual-report-print');
  });
});

describe('a Board report for a period meg chooses', () => {
  it('is refused a period that ends before it starts, then made and shown', async () => {
    const { page } = meg;
    await page.goto(`${site}/console/reports`);
    await page
      .getByRole('link', { name: 'Make a Board report for another period' })
      .click();
    await page.waitForURL(`${site}/console/reports/new`);
    await checkPage(page, 'board-report-new');

    const from = { day: '1', month: '4', year: String(startYear) };
    await fillDate(page, 'From', from);
    await fillDate(page, 'To', {
      day: '31',
      month: '3',
      year: String(startYear),
    });
    await page.getByRole('button', { name: 'Make the report' }).click();
    await page.waitForLoadState();
    expect(await problemsOn(page)).toContain(
      'must be the same as or after the date it starts from',
    );
    await checkPage(page, 'board-report-new-refused');

    const [y, m, d] = today.split('-');
    await fillDate(page, 'To', {
      day: String(Number(d)),
      month: String(Number(m)),
      year: String(y),
    });
    await page.getByRole('button', { name: 'Make the report' }).click();
    await page.waitForURL(/\/console\/reports\/[\d_-]+\/board-report\.html$/);

    await page.goto(`${site}/console/reports`);
    expect(await mainText(page)).toContain(`${startYear}-04-01`);
  });
});
