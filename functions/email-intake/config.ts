/**
 * The email-intake function's configuration, parsed once at cold start
 * (STYLE rec. 8): the base settings, the mail bucket (attachments and
 * quarantine go there), and the domain our letters are sent from, which
 * is how a reply's In-Reply-To is recognised as ours.
 */
import * as z from 'zod';
import { type BaseConfig, baseConfig, parseEnv } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';

const schema = z.object({
  [envKeys.mailBucket]: z.string().min(3).max(63),
  [envKeys.senderAddress]: z.email().max(254),
});

export interface EmailIntakeConfig extends BaseConfig {
  readonly mailBucket: string;
  /** The domain of our letters' Message-IDs, lower case. */
  readonly senderDomain: string;
}

/** Parses the environment; throws naming each bad variable. */
export function emailIntakeConfig(
  env: NodeJS.ProcessEnv = process.env,
): EmailIntakeConfig {
  const base = baseConfig(env);
  const values = parseEnv(schema, env);
  const sender = values[envKeys.senderAddress];
  return {
    ...base,
    mailBucket: values[envKeys.mailBucket],
    senderDomain: sender.slice(sender.lastIndexOf('@') + 1).toLowerCase(),
  };
}

export const config = emailIntakeConfig();
