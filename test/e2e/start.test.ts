import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchChromium, newContext } from './support/browser.js';
import { type RunningHearth, startHearth } from './support/hearth.js';

let hearth: RunningHearth;
let browser: Browser;

beforeAll(async () => {
  [hearth, browser] = await Promise.all([startHearth(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
});

describe('the start page', () => {
  it('explains what a complaint is and starts the form', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(String(hearth.urls.api));
    expect(await page.locator('h1').textContent()).toMatch(/complaint/i);
    await checkPage(page, 'start');
    await context.close();
  });
});
