/**
 * The Board report, run monthly by an EventBridge Scheduler cron (or
 * invoked with `{ "from": "2026-04-01", "to": "2026-11-30" }`): the
 * figures for the period from the complaints stored, written to the
 * reports bucket as HTML, CSV and JSON under
 * `reports/<org>/<period>/board-report.*`, and the summary mailed to the
 * Board with links to the period's report in the staff console
 * (`<site>/console/reports/<period>/board-report.html`). Re-running a period rewrites the same keys; the Board is mailed
 * at most once per period (an idempotency record in the table).
 */
import {
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { InvalidInputError, londonDate } from '@hearth/domain';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { S3ObjectStore } from '../shared/adapters/s3/object-store.js';
import { SesMailer } from '../shared/adapters/ses/mailer.js';
import { s3 } from '../shared/clients/s3.js';
import { ses } from '../shared/clients/ses.js';
import { idempotencyStore } from '../shared/idempotency.js';
import { functionLogger } from '../shared/logger.js';
import {
  reportFromStore,
  reportKey,
  reportPeriod,
} from '../shared/report/build.js';
import {
  consoleReportLinks,
  emailHtml,
  emailText,
} from '../shared/report/html.js';
import { repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';

const logger = functionLogger('report');
const repository = repositoryFor(config.tableName);
const store = new S3ObjectStore(s3, config.reportsBucket);
const mailer = new SesMailer(ses);

/** Long enough that a period's email is never sent twice. */
const MAILED_RECORD_SECONDS = 3 * 366 * 24 * 60 * 60;

const eventSchema = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /** The cron's scheduled time: the default period is the month before it. */
    scheduledTime: z.iso.datetime({ offset: true }).optional(),
  })
  .loose();

interface BoardMail {
  readonly label: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

const mailedOnce = new IdempotencyConfig({
  eventKeyJmesPath: 'label',
  expiresAfterSeconds: MAILED_RECORD_SECONDS,
});

/** Sends a period's email once: a second call for the label returns the first's result. */
const mailBoardOnce = makeIdempotent(
  async (mail: BoardMail) => {
    const domain = config.senderAddress.split('@')[1] ?? 'hearth.invalid';
    const sent = await mailer.send({
      from: config.senderAddress,
      to: config.boardRecipients,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: `<board-report.${config.organisationId}.${mail.label.replaceAll(/[^A-Za-z0-9._-]/g, '-')}@${domain}>`,
    });
    return { sesMessageId: sent.sesMessageId };
  },
  {
    persistenceStore: idempotencyStore(
      config.tableName,
      config.organisationId,
      'report-email',
    ),
    config: mailedOnce,
  },
);

export interface ReportResult {
  readonly period: string;
  readonly complaints: number;
  readonly keys: readonly string[];
  readonly sesMessageId: string;
}

export async function main(event: unknown = {}): Promise<ReportResult> {
  const parsed = eventSchema.safeParse(event ?? {});
  if (!parsed.success) {
    throw new InvalidInputError(
      'event',
      'from and to must be YYYY-MM-DD dates',
    );
  }
  const now = new Date().toISOString();
  const period = reportPeriod(londonDate(parsed.data.scheduledTime ?? now), {
    ...(parsed.data.from === undefined ? {} : { from: parsed.data.from }),
    ...(parsed.data.to === undefined ? {} : { to: parsed.data.to }),
  });
  const meta = { landlord: config.landlordName, generatedAt: now };
  const report = await reportFromStore({
    store: repository,
    organisationId: config.organisationId,
    fallbackPolicy: config.policy,
    stock: config.stock,
    period,
    meta,
  });
  const keys: string[] = [];
  for (const doc of report.documents) {
    const key = reportKey(config.organisationId, period.label, doc.name);
    await store.put(key, doc.body, doc.contentType, { period: period.label });
    keys.push(key);
  }
  // The console's pages for the period: it asks for sign-in, so the
  // email names no bucket and exposes nothing if forwarded.
  const links = consoleReportLinks(config.siteUrl, period.label);
  const { sesMessageId } = await mailBoardOnce({
    label: period.label,
    subject: `Complaints report to the Board: ${period.label}`,
    html: emailHtml(report.figures, meta, links),
    text: emailText(report.figures, links),
  });
  logger.info('Board report', {
    period: period.label,
    complaints: report.complaints,
    keys,
  });
  return {
    period: period.label,
    complaints: report.complaints,
    keys,
    sesMessageId,
  };
}

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler((event: unknown, context: Context) => {
    mailedOnce.registerLambdaContext(context);
    return main(event);
  });
