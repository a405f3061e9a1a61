/**
 * The letters job's own configuration, beyond what every function needs:
 * who the letters are from and where printed letters go. A pure parse of
 * an environment, so it can be tested; `config.ts` applies it at cold start.
 */
import type { LandlordContact } from '@hearth/domain';
import { z } from 'zod';
import { parseEnv } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';

const schema = z.object({
  [envKeys.senderAddress]: z.email(),
  [envKeys.landlordName]: z.string().trim().min(1),
  [envKeys.landlordAddress]: z.string().trim().min(1),
  [envKeys.landlordPhone]: z.string().trim().min(1),
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

/**
 * The landlord's address as lines: separated by `|` or new lines, or else
 * by commas (`1 Quay Street, Leeds, LS1 1AA`).
 */
export function addressLines(value: string): string[] {
  const separator = /[|\n]/.test(value) ? /[|\n]/ : /,/;
  return value
    .split(separator)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Parses the letters job's variables; throws naming each bad one. */
export function lettersSettings(
  env: NodeJS.ProcessEnv = process.env,
): LettersSettings {
  const v = parseEnv(schema, env);
  const senderAddress = v[envKeys.senderAddress];
  return {
    senderAddress,
    senderDomain: senderAddress.slice(senderAddress.lastIndexOf('@') + 1),
    landlord: {
      name: v[envKeys.landlordName],
      address: addressLines(v[envKeys.landlordAddress]),
      phone: v[envKeys.landlordPhone],
      email: senderAddress,
    },
    lettersBucket: v[envKeys.lettersBucket],
  };
}
