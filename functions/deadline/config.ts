import * as z from 'zod';
import { baseConfig, parseEnv } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';

const notify = z.object({
  [envKeys.senderAddress]: z.email(),
  [envKeys.teamAddress]: z.email(),
});

const env = parseEnv(notify, process.env);

/** Parsed once at cold start; a bad environment fails the container. */
export const config = {
  ...baseConfig(),
  sender: env[envKeys.senderAddress],
  team: env[envKeys.teamAddress],
};
