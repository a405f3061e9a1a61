/**
 * The Board reports: the reports stored for the signed-in staff member's
 * organisation (`reports/<org>/<period-label>/board-report.*` in the
 * reports bucket), newest period first, each to view as HTML or download
 * as CSV or JSON, whether the monthly run or a manager made it. For
 * managers and the Member Responsible for Complaints only. The period
 * label is checked strictly before any key is made, so nothing from the
 * path but a label reaches S3.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ObjectStore } from '../shared/adapters/s3/object-store.js';
import { NotFoundError } from '../shared/middleware/problem-json.js';
import type { Caller } from './case-routes.js';
import { NEW_REPORT_PATH } from './generate-report.js';
import { isManager, page } from './view.js';

export interface ReportsDeps {
  readonly reports: Pick<ObjectStore, 'get' | 'list' | 'put'>;
}

const FORMATS = ['html', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

const DATE = '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])';
const MONTH = '\\d{4}-(?:0[1-9]|1[0-2])';
/** `YYYY-MM` (a whole month) or `YYYY-MM-DD_YYYY-MM-DD` (any other period). */
const LABEL = `${MONTH}|${DATE}_${DATE}`;
const labelPattern = new RegExp(`^(?:${LABEL})$`);
const reportPath = new RegExp(
  `^/console/reports/(${LABEL})/board-report\\.(html|csv|json)$`,
);

/** `/console/reports/<label>/board-report.<format>` → its parts. */
export function reportRoute(
  path: string,
): { label: string; format: Format } | undefined {
  const match = reportPath.exec(path);
  if (match === null) return undefined;
  const [, label = '', format = ''] = match;
  return { label, format: format as Format };
}

const prefixOf = (organisationId: string) => `reports/${organisationId}/`;

/** A label as people read it: `2026-05`, or `2026-04-01 to 2026-11-30`. */
function periodText(label: string): string {
  return label.replace('_', ' to ');
}

/** The period's end, for ordering newest first: a month sorts as its last day. */
function endOf(label: string): string {
  return label.includes('_') ? (label.split('_')[1] ?? label) : `${label}-99`;
}

/** The reports page: every stored period of the organisation, newest first. */
export async function reportsPage(
  deps: ReportsDeps,
  caller: Caller,
): Promise<APIGatewayProxyStructuredResultV2> {
  const prefix = prefixOf(caller.staff.organisationId);
  const keys = await deps.reports.list(prefix);
  const byLabel = new Map<string, Set<Format>>();
  for (const key of keys) {
    const match = /^([^/]+)\/board-report\.(html|csv|json)$/.exec(
      key.slice(prefix.length),
    );
    const label = match?.[1];
    const format = match?.[2] as Format | undefined;
    if (label === undefined || format === undefined) continue;
    if (!labelPattern.test(label)) continue;
    const formats = byLabel.get(label) ?? new Set<Format>();
    formats.add(format);
    byLabel.set(label, formats);
  }
  const reports = [...byLabel.entries()]
    .sort(([a], [b]) => endOf(b).localeCompare(endOf(a)) || b.localeCompare(a))
    .map(([label, formats]) => ({
      label,
      period: periodText(label),
      links: FORMATS.filter((f) => formats.has(f)).map((format) => ({
        format,
        href: `/console/reports/${label}/board-report.${format}`,
        text:
          format === 'html'
            ? 'View report'
            : `Download ${format.toUpperCase()}`,
      })),
    }));
  return page(caller.kit, 200, 'console/reports.njk', {
    title: 'Board reports',
    section: 'reports',
    reports,
    // Managers may make one for any period (generate-report.ts).
    newReport: isManager(caller.staff) ? NEW_REPORT_PATH : undefined,
  });
}

const CONTENT_TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * One stored document. HTML is shown inline under a CSP that lets its
 * inline styles work and nothing run; CSV and JSON are downloads.
 */
export async function reportFile(
  deps: ReportsDeps,
  caller: Caller,
  label: string,
  format: Format,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (!labelPattern.test(label)) throw new NotFoundError('No such report');
  const name = `board-report.${format}`;
  const object = await deps.reports.get(
    `${prefixOf(caller.staff.organisationId)}${label}/${name}`,
  );
  if (object === undefined) throw new NotFoundError('No such report');
  const filename = `board-report-${label}.${format}`;
  return {
    statusCode: 200,
    headers: {
      'content-type': CONTENT_TYPES[format],
      'content-disposition':
        format === 'html'
          ? `inline; filename="${filename}"`
          : `attachment; filename="${filename}"`,
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    isBase64Encoded: true,
    body: object.body.toString('base64'),
  };
}
