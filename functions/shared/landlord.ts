/**
 * The landlord as letters and pages name it (name, postal address, phone,
 * and the sender address residents write to), parsed from the
 * environment once for every function that shows it.
 */
import type { LandlordContact } from '@hearth/domain';
import * as z from 'zod';
import { envKeys } from './env-keys.js';

/** Its variables; extend it so one parse names every bad variable. */
export const landlordEnvSchema = z.object({
  [envKeys.senderAddress]: z.email(),
  [envKeys.landlordName]: z.string().trim().min(1),
  [envKeys.landlordAddress]: z.string().trim().min(1),
  [envKeys.landlordPhone]: z.string().trim().min(1),
});

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

/** The contact from variables `landlordEnvSchema` (or an extension) parsed. */
export function landlordOf(
  v: z.infer<typeof landlordEnvSchema>,
): LandlordContact {
  return {
    name: v[envKeys.landlordName],
    address: addressLines(v[envKeys.landlordAddress]),
    phone: v[envKeys.landlordPhone],
    email: v[envKeys.senderAddress],
  };
}
