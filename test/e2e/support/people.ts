/**
 * What a resident and an officer do in the browser, written the way a
 * person does it: fields found by their labels, buttons by their names.
 * Shared by the end-to-end tests.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkPage, newContext } from './browser.js';
import type { RunningHearth } from './hearth.js';

/** The site root (`http://127.0.0.1:<port>`), no trailing slash. */
export function siteOf(hearth: RunningHearth): string {
  return String(hearth.urls.site ?? hearth.urls.api).replace(/\/$/, '');
}

export const referencePattern = /HTH-\d{4}-\d{6}/;
export const trackingCodePattern = /^[A-Za-z0-9_-]{22}$/;

/** The text of an element, whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The main content's text, whitespace collapsed. */
export function mainText(page: Page): Promise<string> {
  return textOf(page.locator('main'));
}

/** What a screen reader announces as a field's description. */
export function descriptionOf(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** The id of the element that has focus, or its tag when it has none. */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el === null ? '' : el.id || el.tagName.toLowerCase();
  });
}

/** Today's date in London, `YYYY-MM-DD`. */
export function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const weekdays = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/**
 * Every long date in a text ("Friday 27 November 2026") that is a real
 * date whose weekday is right, as `YYYY-MM-DD` with its weekday number.
 * Dates whose weekday is wrong are returned with `consistent: false`.
 */
export function longDatesIn(
  text: string,
): { iso: string; weekday: number; consistent: boolean; text: string }[] {
  const pattern = new RegExp(
    `(${weekdays.join('|')}) (\\d{1,2}) (${months.join('|')}) (\\d{4})`,
    'g',
  );
  return [...text.matchAll(pattern)].map((m) => {
    const [whole, name, day, month, year] = m as unknown as string[];
    const date = new Date(
      Date.UTC(Number(year), months.indexOf(String(month)), Number(day)),
    );
    const iso = date.toISOString().slice(0, 10);
    return {
      iso,
      weekday: date.getUTCDay(),
      consistent:
        weekdays[date.getUTCDay()] === name &&
        date.getUTCDate() === Number(day),
      text: String(whole),
    };
  });
}

/** A date `days` calendar days from today in London, as day, month, year. */
export function daysFromToday(days: number): {
  day: string;
  month: string;
  year: string;
  iso: string;
} {
  const today = new Date(`${londonToday()}T12:00:00Z`);
  today.setUTCDate(today.getUTCDate() + days);
  return {
    day: String(today.getUTCDate()),
    month: String(today.getUTCMonth() + 1),
    year: String(today.getUTCFullYear()),
    iso: today.toISOString().slice(0, 10),
  };
}

/** The first Monday-to-Friday date at least `days` days from today. */
export function weekdayFromToday(
  days: number,
): ReturnType<typeof daysFromToday> {
  for (let n = days; ; n++) {
    const date = daysFromToday(n);
    const weekday = new Date(`${date.iso}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return date;
  }
}

/** Fills a GOV.UK date input found by its fieldset's legend. */
export async function fillDate(
  scope: Page | Locator,
  legend: string | RegExp,
  date: { day: string; month: string; year: string },
): Promise<void> {
  const group = scope.getByRole('group', { name: legend });
  await group.getByLabel('Day', { exact: true }).fill(date.day);
  await group.getByLabel('Month', { exact: true }).fill(date.month);
  await group.getByLabel('Year', { exact: true }).fill(date.year);
}

/** What the confirmation page gives the resident. */
export interface Receipt {
  readonly reference: string;
  readonly trackingCode: string;
}

/** Reads the reference and tracking code off the confirmation page. */
export async function receiptOn(page: Page): Promise<Receipt> {
  const panel = await textOf(page.locator('.govuk-panel'));
  const reference = referencePattern.exec(panel)?.[0] ?? `none in "${panel}"`;
  const trackingCode = await textOf(page.locator('#tracking-code'));
  expect(reference).toMatch(/^HTH-\d{4}-\d{6}$/);
  expect(trackingCode).toMatch(trackingCodePattern);
  return { reference, trackingCode };
}

export interface Complainant {
  readonly summary: string;
  readonly outcome?: string;
  readonly name: string;
  readonly email?: string;
  readonly address?: readonly [string, string, string];
  readonly prefers: 'Email' | 'Post' | 'Phone';
}

/** Fills the resident's complaint form by its labels, and sends it. */
export async function sendComplaint(
  page: Page,
  who: Complainant,
): Promise<void> {
  await page.getByLabel('What happened?').fill(who.summary);
  if (who.outcome !== undefined) {
    await page
      .getByLabel('What would you like us to do to put things right?', {
        exact: false,
      })
      .fill(who.outcome);
  }
  await page.getByLabel('Full name', { exact: true }).fill(who.name);
  if (who.address !== undefined) {
    const address = page.getByRole('group', { name: /^Address/ });
    await address.getByLabel('Address line 1').fill(who.address[0]);
    await address.getByLabel('Town or city').fill(who.address[1]);
    await address.getByLabel('Postcode').fill(who.address[2]);
  }
  if (who.email !== undefined) {
    await page
      .getByLabel('Email address (optional)', { exact: true })
      .fill(who.email);
  }
  await page
    .getByRole('group', { name: 'How should we contact you?' })
    .getByRole('radio', { name: who.prefers, exact: true })
    .check();
  await page.getByRole('button', { name: 'Send complaint' }).click();
  await page.waitForLoadState();
  const summary = page.locator('.govuk-error-summary');
  if ((await summary.count()) > 0) {
    throw new Error(`The form was refused: ${await textOf(summary)}`);
  }
}

/** Finds a complaint on the tracking form and returns the tracking page. */
export async function track(page: Page, site: string, receipt: Receipt) {
  await page.goto(`${site}/track`);
  await page.getByLabel('Complaint reference').fill(receipt.reference);
  await page.getByLabel('Tracking code').fill(receipt.trackingCode);
  await page.getByRole('button', { name: 'Find my complaint' }).click();
  await page.waitForLoadState();
  expect(await textOf(page.locator('h1'))).toBe(receipt.reference);
}

export type StaffGroupLabel =
  | 'Complaints officer (officer)'
  | 'Complaints manager (manager)'
  | 'Member Responsible for Complaints (mrc)';

/**
 * Signs in through the console's own sign-in: the local hosted UI page,
 * a username and the groups ticked, then back to the work queue. A fresh
 * browser context, so nothing is shared with another officer. The hosted
 * page is checked when `check` names it.
 */
export async function signIn(
  browser: Browser,
  hearth: RunningHearth,
  username: string,
  options: {
    groups?: readonly StaffGroupLabel[];
    check?: string;
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${siteOf(hearth)}/console/sign-in`);
  expect(page.url().startsWith(String(hearth.urls.auth))).toBe(true);
  expect(await textOf(page.locator('h1'))).toBe('Sign in to Hearth');
  if (options.check !== undefined) await checkPage(page, options.check);
  await page.getByLabel('Username').fill(username);
  for (const group of options.groups ?? ['Complaints officer (officer)']) {
    await page.getByLabel(group).check();
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${siteOf(hearth)}/console`);
  expect(await textOf(page.locator('h1'))).toBe('Work queue');
  expect(await textOf(page.locator('header'))).toContain(username);
  return { context, page };
}

/** Opens one of the case page's action forms (a details element). */
export async function openAction(page: Page, title: string): Promise<Locator> {
  const details = page.locator('details').filter({
    has: page.locator('summary', { hasText: title }),
  });
  expect(await details.count()).toBe(1);
  if ((await details.getAttribute('open')) === null) {
    // As a keyboard user does: focus the summary, press Enter.
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
  }
  expect(await details.getAttribute('open')).not.toBeNull();
  return details;
}

/** The notification banner's text after an action, or ''. */
export async function bannerOf(page: Page): Promise<string> {
  const banner = page.locator('.govuk-notification-banner');
  return (await banner.count()) === 0 ? '' : textOf(banner);
}

/** One email as the SES stand-in stores it (the parts the tests read). */
export interface SentMail {
  readonly subject: string;
  readonly destination: { readonly to: readonly string[] };
  readonly body: { readonly text?: string; readonly html?: string };
  readonly at: number;
}

/** Every email the stack has sent so far. */
export async function sentMail(hearth: RunningHearth): Promise<SentMail[]> {
  const base = String(hearth.urls['sent mail (SES)'] ?? hearth.urls.ses);
  const response = await fetch(new URL('/store', base));
  expect(response.ok).toBe(true);
  return ((await response.json()) as { emails: SentMail[] }).emails;
}

/**
 * Waits until the mail sent to `address` has a subject matching each of
 * `subjects` (letters go out from the stream, a moment after the action);
 * returns that mail. Fails with what did arrive after `timeoutMs`.
 */
export async function mailArriving(
  hearth: RunningHearth,
  address: string,
  subjects: readonly RegExp[],
  timeoutMs = 30_000,
): Promise<SentMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mine = (await sentMail(hearth)).filter((m) =>
      m.destination.to.some((to) => to.includes(address)),
    );
    const missing = subjects.filter(
      (s) => !mine.some((m) => s.test(m.subject)),
    );
    if (missing.length === 0) return mine;
    if (Date.now() > deadline) {
      throw new Error(
        `No email to ${address} matching ${missing.join(', ')} within ${timeoutMs} ms; sent to them: ${JSON.stringify(mine.map((m) => m.subject))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Presses Tab until the focused element satisfies `is`, as a person
 * tabbing through a page does; fails after `max` presses.
 */
export async function tabTo(
  page: Page,
  is: (el: {
    id: string;
    tag: string;
    text: string;
    type: string;
    name: string;
  }) => boolean,
  what: string,
  max = 80,
): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return {
        id: a?.id ?? '',
        tag: a?.tagName.toLowerCase() ?? '',
        text: (a?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        type: a?.type ?? '',
        name: a?.name ?? '',
      };
    });
    if (is(el)) return;
  }
  throw new Error(`Tab never reached ${what} in ${max} presses`);
}

/**
 * The delivery of a letter on the case page, once the letters job has
 * recorded it: reloads the page (as an officer would) until the Letters
 * table has the `nth` row for that letter, then returns its Delivery
 * cell ("Emailed", "Printed, waiting to be posted", "Blocked: …").
 */
export async function letterDelivery(
  page: Page,
  letter: string,
  { nth = 1, timeoutMs = 30_000 } = {},
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = page
      .getByRole('table', { name: 'Letters to the resident' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: letter, exact: true }) });
    if ((await rows.count()) >= nth) {
      return textOf(
        rows
          .nth(nth - 1)
          .getByRole('cell')
          .nth(2),
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `No ${letter} letter on ${page.url()} in ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.reload();
  }
}
