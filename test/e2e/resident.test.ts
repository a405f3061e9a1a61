/**
 * A resident complains, with JavaScript and without it and with the
 * keyboard alone, gets a reference and a tracking code, tracks the
 * complaint, and reads the policy: in real headless Chromium against the
 * real `npm start`. Every page visited gets axe, the keyboard check and
 * its screenshots (support/browser.ts `checkPage`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchChromium, newContext } from './support/browser.js';
import { type RunningHearth, startHearth } from './support/hearth.js';
import {
  descriptionOf,
  focusedId,
  londonToday,
  longDatesIn,
  mainText,
  type Receipt,
  receiptOn,
  sendComplaint,
  siteOf,
  tabTo,
  textOf,
  track,
} from './support/people.js';

let hearth: RunningHearth;
let browser: Browser;
let site: string;

beforeAll(async () => {
  [hearth, browser] = await Promise.all([startHearth(), launchChromium()]);
  site = siteOf(hearth);
});
afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
});

/** The error summary's links: their text and where they point. */
async function summaryLinks(page: Page) {
  const summary = page.locator('.govuk-error-summary');
  expect(await textOf(summary.locator('h2'))).toBe('There is a problem');
  return summary
    .getByRole('link')
    .evaluateAll((links) =>
      links.map((a) => [
        (a.textContent ?? '').replace(/\s+/g, ' ').trim(),
        a.getAttribute('href') ?? '',
      ]),
    );
}

const badInputErrors: readonly (readonly [string, string])[] = [
  ['Tell us what happened', '#summary'],
  ["Enter the resident's name", '#resident-name'],
  [
    'Enter an email address in the correct format, like name@example.com',
    '#resident-email',
  ],
  [
    'Select how we should contact the resident: email, post or phone',
    '#resident-preferredContact',
  ],
];

/** Sends the form with only a bad email address and checks the errors. */
async function sendBadInput(page: Page) {
  await page.getByLabel('Email address (optional)').fill('not-an-email');
  await page.getByRole('button', { name: 'Send complaint' }).click();
  await page.waitForLoadState();
  expect(await page.title()).toMatch(/^Error: Make a complaint/);
  expect(await summaryLinks(page)).toEqual(badInputErrors);
  // Each field says what is wrong with it, and a screen reader hears it.
  for (const [label, message] of [
    ['What happened?', 'Tell us what happened'],
    ['Full name', "Enter the resident's name"],
    ['Email address (optional)', badInputErrors[2]?.[0]],
  ] as const) {
    const field = page.getByLabel(label, { exact: true });
    expect(await descriptionOf(field)).toContain(`Error: ${message}`);
  }
  expect(await page.getByLabel('Email address (optional)').inputValue()).toBe(
    'not-an-email',
  );
  const radios = page.getByRole('group', {
    name: 'How should we contact you?',
  });
  expect(await textOf(radios.locator('.govuk-error-message'))).toBe(
    `Error: ${badInputErrors[3]?.[0]}`,
  );
}

/** A due date shown is a real, future working day (Monday to Friday). */
function expectFutureWorkingDay(text: string) {
  const dates = longDatesIn(text);
  const today = londonToday();
  const future = dates.filter((d) => d.iso > today);
  expect(future.length, `a future date in: ${text}`).toBeGreaterThan(0);
  for (const d of dates) expect(d.consistent, d.text).toBe(true);
  for (const d of future) {
    expect([1, 2, 3, 4, 5], `${d.text} is a working day`).toContain(d.weekday);
  }
}

describe('a resident with JavaScript', () => {
  let receipt: Receipt;

  it('starts from the start page, gets field errors for bad input, then a reference and tracking code', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${site}/`);
    expect(await textOf(page.locator('h1'))).toMatch(/^Make a complaint to /);
    await checkPage(page, 'start');
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL(`${site}/complaint`);
    expect(await textOf(page.locator('h1'))).toBe('Make a complaint');
    await checkPage(page, 'complaint-form');

    await sendBadInput(page);
    // The Design System's script moves focus to the summary on load…
    expect(await focusedId(page)).toBe('div');
    expect(
      await page.evaluate(() =>
        document.activeElement?.classList.contains('govuk-error-summary'),
      ),
    ).toBe(true);
    await checkPage(page, 'complaint-form-errors');
    // …and each link moves focus to its field.
    for (const [text, href] of badInputErrors) {
      await page
        .locator('.govuk-error-summary')
        .getByRole('link', { name: text })
        .click();
      expect(await focusedId(page)).toBe(href.slice(1));
    }

    await page.getByLabel('Email address (optional)').fill('');
    await sendComplaint(page, {
      summary: 'The bathroom extractor fan has not worked since March.',
      outcome: 'Fix the fan',
      name: 'Jo Resident',
      email: 'jo@example.org',
      prefers: 'Email',
    });
    expect(await textOf(page.locator('h1'))).toBe('Complaint sent');
    receipt = await receiptOn(page);
    const next = await mainText(page);
    expect(next).toContain(`We received your complaint on`);
    expectFutureWorkingDay(
      await textOf(page.locator('main ul.govuk-list--bullet')),
    );
    await checkPage(page, 'confirmation');

    await page.getByRole('link', { name: 'Track your complaint' }).click();
    await page.waitForURL(`${site}/track`);
    await checkPage(page, 'track');
    await context.close();
  });

  it('tracks the complaint with its reference and code, and is told what is wrong with a bad code', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await page.goto(`${site}/track`);
    await page.getByLabel('Complaint reference').fill(receipt.reference);
    await page.getByRole('button', { name: 'Find my complaint' }).click();
    await page.waitForLoadState();
    const links = await summaryLinks(page);
    expect(links.map(([, href]) => href)).toEqual(['#token']);
    expect(await descriptionOf(page.getByLabel('Tracking code'))).toContain(
      'Error:',
    );
    await checkPage(page, 'track-errors');

    await track(page, site, receipt);
    expect(await textOf(page.locator('main .govuk-body-l'))).toBe(
      'Stage 1: we have your complaint and will acknowledge it',
    );
    const text = await mainText(page);
    expect(text).toContain('What happens next');
    expectFutureWorkingDay(text.slice(text.indexOf('What happens next')));
    expect(text).toContain('You can ask for a stage 2 review after');
    await checkPage(page, 'tracking');
    await context.close();
  });

  it('reads the complaints policy and its printable version', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${site}/`);
    await page
      .getByRole('contentinfo')
      .getByRole('link', { name: 'Complaints policy' })
      .click();
    await page.waitForURL(`${site}/policy`);
    expect(await textOf(page.locator('h1'))).toMatch(/complaints policy$/);
    const text = await mainText(page);
    expect(text).toContain('What a complaint is');
    expect(text).toContain('Source: ');
    await checkPage(page, 'policy');

    await page
      .getByRole('link', { name: 'Printable version of this policy' })
      .click();
    await page.waitForURL(`${site}/policy?format=print`);
    expect(await page.locator('.govuk-footer').count()).toBe(0);
    expect(await page.locator('.govuk-service-navigation').count()).toBe(0);
    expect(await mainText(page)).toContain('What a complaint is');
    await page.emulateMedia({ media: 'print' });
    expect(
      await page
        .getByRole('link', { name: 'Back to the complaints policy' })
        .isVisible(),
    ).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await checkPage(page, 'policy-print');
    await context.close();
  });
});

describe('a resident without JavaScript', () => {
  it('gets the same errors, sends the complaint and tracks it', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site}/complaint`);
    await sendBadInput(page);
    // No script ran: the Design System's enhancements are off.
    expect(await page.locator('body').getAttribute('class')).not.toContain(
      'govuk-frontend-supported',
    );
    await checkPage(page, 'complaint-form-errors-no-js');

    await page.getByLabel('Email address (optional)').fill('');
    await sendComplaint(page, {
      summary: 'Mould in the back bedroom keeps coming back.',
      name: 'Pat Post',
      address: ['1 Mill Lane', 'Anytown', 'AN1 1AA'],
      prefers: 'Post',
    });
    expect(await textOf(page.locator('h1'))).toBe('Complaint sent');
    const receipt = await receiptOn(page);
    expectFutureWorkingDay(
      await textOf(page.locator('main ul.govuk-list--bullet')),
    );
    expect(await mainText(page)).toMatch(/by post/i);
    await checkPage(page, 'confirmation-no-js');

    await track(page, site, receipt);
    expect(await textOf(page.locator('main .govuk-body-l'))).toBe(
      'Stage 1: we have your complaint and will acknowledge it',
    );
    await checkPage(page, 'tracking-no-js');
    await context.close();
  });
});

describe('a resident using only the keyboard', () => {
  it('starts, fills in and sends the form, then tracks the complaint, without a mouse', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${site}/`);

    await tabTo(page, (el) => el.text === 'Start now', 'the Start now button');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site}/complaint`);

    await tabTo(page, (el) => el.id === 'summary', 'What happened?');
    await page.keyboard.type(
      'The communal door entry has been broken for a month.',
    );
    await tabTo(page, (el) => el.id === 'resident-name', 'Full name');
    await page.keyboard.type('Kim Keys');
    await tabTo(page, (el) => el.id === 'resident-email', 'Email address');
    await page.keyboard.type('kim@example.org');
    await tabTo(
      page,
      (el) => el.type === 'radio' && el.name === 'resident.preferredContact',
      'How should we contact you?',
    );
    // The group's first radio is Email: Space selects it.
    await page.keyboard.press('Space');
    await tabTo(page, (el) => el.text === 'Send complaint', 'Send complaint');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site}/complaint`);
    await page.waitForSelector('.govuk-panel');

    expect(await textOf(page.locator('h1'))).toBe('Complaint sent');
    const receipt = await receiptOn(page);
    expect(await mainText(page)).toMatch(/by email/i);

    await tabTo(
      page,
      (el) => el.text === 'Track your complaint',
      'Track your complaint',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site}/track`);
    await tabTo(page, (el) => el.id === 'reference', 'Complaint reference');
    await page.keyboard.type(receipt.reference);
    await page.keyboard.press('Tab');
    await page.keyboard.type(receipt.trackingCode);
    await page.keyboard.press('Enter');
    await page.waitForSelector('main .govuk-body-l');
    expect(await textOf(page.locator('h1'))).toBe(receipt.reference);
    expect(await textOf(page.locator('main .govuk-body-l'))).toBe(
      'Stage 1: we have your complaint and will acknowledge it',
    );
    await context.close();
  });
});
