import * as z from 'zod';
import { baseConfig, parseEnv } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';
import { addressLines } from '../shared/landlord.js';

const schema = z.object({
  [envKeys.landlordName]: z.string().trim().min(1),
  [envKeys.landlordPhone]: z.string().trim().min(1),
  [envKeys.senderAddress]: z.email(),
  // Lines joined with `|`, as the letters function reads them; optional so
  // the pages can still say "write to us" where it is not set.
  [envKeys.landlordAddress]: z.string().trim().min(1).optional(),
  // The same limit as the JSON intake: one form, two ways to send it.
  [envKeys.intakePerHour]: z.coerce.number().int().positive().default(20),
});

const env = parseEnv(schema, process.env);

/** Parsed once at cold start; a bad environment fails the container. */
export const config = {
  ...baseConfig(),
  landlord: {
    name: env[envKeys.landlordName],
    phone: env[envKeys.landlordPhone],
    email: env[envKeys.senderAddress],
    address: addressLines(env[envKeys.landlordAddress] ?? ''),
  },
  /** Complaints one address may send in an hour (shared with POST /complaints). */
  complaintsPerHour: env[envKeys.intakePerHour],
  /**
   * Tracking look-ups (and stage 2 requests) one address may make in an
   * hour: plenty for a household or a housing office, few enough that
   * guessing references is pointless. Tokens are 128-bit; this is to stop
   * reference probing, not token guessing.
   */
  trackingPerHour: 60,
};
