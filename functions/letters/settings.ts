/**
 * The letters job's own configuration, beyond what every function needs:
 * who the letters are from and where printed letters go. A pure parse of
 * an environment, so it can be tested; `config.ts` applies it at cold start.
 */
import type { LandlordContact } from '@hearth/domain';
import * as z from 'zod';
import { parseEnv } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';
import { landlordEnvSchema, landlordOf } from '../shared/landlord.js';

const schema = landlordEnvSchema.extend({
  [envKeys.lettersBucket]: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
});

export interface LettersSettings {
  /** The From address: an SES verified identity that also takes replies. */
  readonly senderAddress: string;
  /** Its domain, for our Message-IDs. */
  readonly senderDomain: string;
  /** The landlord as letters sign it (its email is the sender address). */
  readonly landlord: LandlordContact;
  readonly lettersBucket: string;
}

/** Parses the letters job's variables; throws naming each bad one. */
export function lettersSettings(
  env: NodeJS.ProcessEnv = process.env,
): LettersSettings {
  const v = parseEnv(schema, env);
  const landlord = landlordOf(v);
  const senderAddress = landlord.email;
  return {
    senderAddress,
    senderDomain: senderAddress.slice(senderAddress.lastIndexOf('@') + 1),
    landlord,
    lettersBucket: v[envKeys.lettersBucket],
  };
}
