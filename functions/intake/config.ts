import * as z from 'zod';
import { baseConfig } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';

// Generous for a shared address (a library, a housing office), fatal to a bot.
const perHour = z.coerce
  .number()
  .int()
  .positive()
  .default(20)
  .parse(process.env[envKeys.intakePerHour]);

/** Parsed once at cold start; a bad environment fails the container. */
export const config = { ...baseConfig(), perHour };
