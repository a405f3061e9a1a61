/**
 * The console's configuration: where it is served and where staff sign
 * in (the user pool's hosted UI, its app client and issuer), the letters
 * bucket it reads PDFs from, the reports bucket it lists and writes the
 * Board's reports in, the homes owned (for the self-assessment's and the
 * annual report's figures), and the landlord as previewed letters sign
 * it. Parsed once at cold start; a bad environment fails the container.
 */
import type { LandlordContact, StockCount } from '@hearth/domain';
import * as z from 'zod';
import { baseConfig, parseEnv } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';
import { landlordEnvSchema, landlordOf } from '../shared/landlord.js';
import { parseStock } from '../shared/report/build.js';

const origin = z
  .url({ protocol: /^https?$/ })
  .transform((url) => url.replace(/\/+$/, ''));

const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name');

const schema = landlordEnvSchema.extend({
  [envKeys.siteUrl]: origin,
  [envKeys.authUrl]: origin,
  [envKeys.authClientId]: z.string().trim().min(1),
  [envKeys.authIssuer]: origin,
  [envKeys.lettersBucket]: bucketName,
  [envKeys.reportsBucket]: bucketName,
  [envKeys.housingStock]: z.string().min(2),
});

export interface ConsoleSettings {
  /** The site's origin, e.g. `https://complaints.example.org.uk`. */
  readonly siteUrl: string;
  /** The hosted UI's base URL (`/oauth2/authorize`, `/oauth2/token`, `/logout`). */
  readonly authUrl: string;
  readonly clientId: string;
  readonly issuer: string;
  readonly lettersBucket: string;
  readonly reportsBucket: string;
  readonly landlord: LandlordContact;
  /** Homes owned per reporting year: the figures' CH01 denominator. */
  readonly stock: readonly StockCount[];
}

/** Parses the console's variables; throws naming each bad one. */
export function consoleSettings(
  env: NodeJS.ProcessEnv = process.env,
): ConsoleSettings {
  const v = parseEnv(schema, env);
  return {
    siteUrl: v[envKeys.siteUrl],
    authUrl: v[envKeys.authUrl],
    clientId: v[envKeys.authClientId],
    issuer: v[envKeys.authIssuer],
    lettersBucket: v[envKeys.lettersBucket],
    reportsBucket: v[envKeys.reportsBucket],
    landlord: landlordOf(v),
    stock: parseStock(v[envKeys.housingStock]),
  };
}

export type ConsoleConfig = ReturnType<typeof baseConfig> & ConsoleSettings;

/** Everything the console reads from its environment. */
export function consoleConfig(
  env: NodeJS.ProcessEnv = process.env,
): ConsoleConfig {
  return { ...baseConfig(env), ...consoleSettings(env) };
}
