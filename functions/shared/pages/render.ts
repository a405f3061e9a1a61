/**
 * Server-rendered pages with the GOV.UK Design System's own Nunjucks
 * macros (govuk-frontend), so the markup is the Design System's, not a
 * look-alike. Templates are read from `views/` beside this file and from
 * govuk-frontend's `dist/`; the CDK bundle copies both next to the
 * handler (HearthFunction's `pages` option), so the same lookup works in
 * Lambda and from source.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IsoDate } from '@hearth/domain';
import nunjucks from 'nunjucks';

const here = import.meta.dirname;

/** Template roots: ours first, then govuk-frontend's (`govuk/...`). */
export function templateRoots(dir = here): string[] {
  const bundled = path.join(dir, 'govuk-frontend');
  if (existsSync(bundled)) return [path.join(dir, 'views'), bundled];
  let at = dir;
  while (!existsSync(path.join(at, 'node_modules/govuk-frontend/dist'))) {
    const up = path.dirname(at);
    if (up === at) throw new Error('govuk-frontend templates not found');
    at = up;
  }
  return [
    path.join(dir, 'views'),
    path.join(at, 'node_modules/govuk-frontend/dist'),
  ];
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const londonTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

/** An instant as London reads it: `20 November 2026 at 3:30 pm`. */
export function formatInstant(at: string): string {
  return londonTime.format(new Date(at)).replace(', ', ' at ');
}

/** `2026-11-27` → `Friday 27 November 2026` (a calendar date, no zone). */
export function formatDate(date: IsoDate | string): string {
  // Built from the parts: ICU versions differ on the comma after the weekday.
  const parts = longDate.formatToParts(
    new Date(`${date.slice(0, 10)}T12:00:00Z`),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

function environment(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(templateRoots()),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addFilter('longDate', formatDate);
  env.addFilter('dateTime', formatInstant);
  return env;
}

let env: nunjucks.Environment | undefined;

/** Renders a template from `views/` with the page's context. */
export function render(template: string, context: object): string {
  env ??= environment();
  return env.render(template, context);
}
