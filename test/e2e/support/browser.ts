/**
 * A real headless Chromium (Debian's, driven by playwright-core), and the
 * checks every page gets: axe-core finds no serious or critical
 * violation, every control is reachable with the Tab key, and a
 * screenshot at desktop and mobile width is kept for a reviewer.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Page,
} from 'playwright-core';

export const screenshotsDir = path.resolve(
  import.meta.dirname,
  '../../../test-results/screenshots',
);

/** STACK.md: these flags work as root on these machines. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const desktop = { width: 1280, height: 900 };
export const mobile = { width: 375, height: 812 };

/** Contexts made with JavaScript off: axe cannot run inside their pages. */
const withoutJavaScript = new WeakSet<BrowserContext>();

/**
 * A fresh browser profile: cookies and storage start empty. Actions and
 * navigations give up after 20 seconds, so a broken page fails its test
 * quickly rather than at the test's own time limit.
 */
export async function newContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: desktop,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(20_000);
  if (options.javaScriptEnabled === false) withoutJavaScript.add(context);
  return context;
}

/** The axe rules for WCAG 2.2 AA, the level public sector sites meet. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Serious and critical violations on the page as it stands, described.
 *
 * In a context with JavaScript off, axe cannot run in the page itself
 * (Chromium closes a page whose evaluated script waits on a timer, and
 * axe does): the page's DOM as it stands is served at the same URL to a
 * JavaScript-enabled page, with its scripts removed (they never ran) and
 * its `<noscript>` content kept as shown, and axe runs there, with the
 * same styles and viewport.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!withoutJavaScript.has(page.context())) {
    return describeViolations(
      await new AxeBuilder({ page }).withTags(wcagTags).analyze(),
    );
  }
  const browser = page.context().browser();
  if (browser === null) throw new Error('The page has no browser');
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<noscript\b/gi, '<div data-noscript')
    .replace(/<\/noscript>/gi, '</div>');
  const url = page.url();
  const copy = await newContext(browser);
  try {
    const twin = await copy.newPage();
    await twin.setViewportSize(page.viewportSize() ?? desktop);
    await twin.route(
      (u) => u.href === url,
      (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: html,
        }),
    );
    await twin.goto(url);
    return describeViolations(
      await new AxeBuilder({ page: twin }).withTags(wcagTags).analyze(),
    );
  } finally {
    await copy.close();
  }
}

function describeViolations(
  results: Awaited<ReturnType<AxeBuilder['analyze']>>,
): string[] {
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .join(', ')})`,
    );
}

/**
 * Every control a person can use (links, buttons, fields) receives focus
 * by pressing Tab from the top of the page, in some order: nothing needs
 * a mouse. Returns the controls never reached, described.
 */
export async function unreachableByKeyboard(page: Page): Promise<string[]> {
  const controls = await page.evaluate(() => {
    const selector =
      'a[href], button, input, select, textarea, summary, [tabindex]';
    const all = [...document.querySelectorAll<HTMLElement>(selector)];
    return all
      .filter((el) => {
        if (el.tabIndex < 0) return false;
        if ((el as HTMLInputElement).disabled) return false;
        if ((el as HTMLInputElement).type === 'hidden') return false;
        if (el.closest('[hidden], [aria-hidden="true"], [inert]')) {
          return false;
        }
        // Inside a closed <details> (but not its own summary), a control
        // is hidden until the summary is opened, which is reachable.
        for (
          let details = el.closest('details');
          details !== null;
          details = details.parentElement?.closest('details') ?? null
        ) {
          const summary = details.querySelector(':scope > summary');
          if (!details.open && !summary?.contains(el)) return false;
        }
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') {
          return false;
        }
        // Radios in a group take one Tab stop: the checked one or the first.
        return el.getClientRects().length > 0;
      })
      .map((el, i) => {
        el.dataset.e2eControl = String(i);
        return i;
      });
  });
  const radioGroups = await page.evaluate(() => {
    const groups = new Map<string, string[]>();
    for (const el of document.querySelectorAll<HTMLInputElement>(
      'input[type=radio][data-e2e-control]',
    )) {
      const list = groups.get(el.name) ?? [];
      list.push(el.dataset.e2eControl ?? '');
      groups.set(el.name, list);
    }
    return [...groups.values()];
  });
  const reached = new Set<string>();
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.locator('body').focus();
  for (let i = 0; i < controls.length * 2 + 10; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(
      () => (document.activeElement as HTMLElement | null)?.dataset.e2eControl,
    );
    if (at !== undefined) reached.add(at);
  }
  for (const group of radioGroups) {
    if (group.some((id) => reached.has(id))) {
      for (const id of group) reached.add(id);
    }
  }
  const missing = controls.map(String).filter((id) => !reached.has(id));
  return page.evaluate(
    (ids) =>
      ids.map((id) => {
        const el = document.querySelector<HTMLElement>(
          `[data-e2e-control="${id}"]`,
        );
        return el
          ? `${el.tagName.toLowerCase()} ${el.getAttribute('name') ?? el.id ?? ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`
          : id;
      }),
    missing,
  );
}

/** Full-page screenshots at desktop and mobile width, for a reviewer. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  const size = page.viewportSize() ?? desktop;
  for (const [width, viewport] of [
    ['desktop', desktop],
    ['mobile', mobile],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({
      path: path.join(screenshotsDir, `${name}-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize(size);
}

/**
 * What every page must pass: no serious or critical axe violation, every
 * control reachable by keyboard; and its screenshots are written.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  const unreachable = await unreachableByKeyboard(page);
  await screenshots(page, name);
  const problems = [
    ...violations.map((v) => `axe: ${v}`),
    ...unreachable.map((u) => `keyboard: cannot reach ${u}`),
  ];
  if (problems.length > 0) {
    throw new Error(`${name} (${page.url()}):\n  ${problems.join('\n  ')}`);
  }
}
