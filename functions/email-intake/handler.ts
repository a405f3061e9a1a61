/**
 * Email in (Code 3.1: any channel): SES receipt rule → raw MIME in S3 →
 * this. Each stored message becomes a complaint, correspondence on the
 * case it replies to, or a quarantined copy with a reason; never lost.
 * A quarantine never throws; an S3 or DynamoDB outage does, so Lambda
 * retries the event (safe: each Message-ID is handled once).
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { S3ObjectStore } from '../shared/adapters/s3/object-store.js';
import { s3 } from '../shared/clients/s3.js';
import { functionLogger } from '../shared/logger.js';
import { repositoryFor } from '../shared/wiring.js';
import { config } from './config.js';
import { oncePerMessage } from './once.js';
import { handleMail, type MailDeps, processMail } from './process-mail.js';
import { isOwnKey } from './quarantine.js';
import { type MailEvent, mailEventSchema } from './schema.js';

const logger = functionLogger('email-intake');
const deps: MailDeps = {
  ...config,
  objects: new S3ObjectStore(s3, config.mailBucket),
  repository: repositoryFor(config.tableName),
  logger,
};
const once = oncePerMessage(
  handleMail(deps),
  config.tableName,
  config.organisationId,
);

export async function main(event: MailEvent, context: Context): Promise<void> {
  once.config.registerLambdaContext(context);
  for (const { s3: record } of event.Records) {
    const { key } = record.object;
    // The key names the stored raw message: it carries no personal data.
    logger.setCorrelationId(key);
    if (record.bucket.name !== config.mailBucket) {
      throw new Error(`Mail from bucket ${record.bucket.name}, not ours`);
    }
    if (isOwnKey(key)) continue;
    const now = new Date().toISOString();
    const result = await processMail(deps, once.handleOnce, key, now);
    // Outcomes carry references, reasons and counts only.
    logger.info('Mail processed', { key, ...result });
  }
}

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(parser({ schema: mailEventSchema }))
  .handler(main);
