/**
 * The retention job's configuration: the base variables and the two
 * buckets a case's files are kept in. Parsed once at cold start.
 */
import * as z from 'zod';
import { baseConfig, parseEnv } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';

const bucket = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name');

const schema = z.object({
  [envKeys.mailBucket]: bucket,
  [envKeys.lettersBucket]: bucket,
});

const buckets = parseEnv(schema, process.env);

export const config = {
  ...baseConfig(),
  mailBucket: buckets[envKeys.mailBucket],
  lettersBucket: buckets[envKeys.lettersBucket],
};
