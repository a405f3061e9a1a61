import { z } from 'zod';
import { baseConfig, parseEnv } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';

const schema = z.object({
  [envKeys.landlordName]: z.string().trim().min(1),
  [envKeys.landlordPhone]: z.string().trim().min(1),
  [envKeys.senderAddress]: z.email(),
});

const env = parseEnv(schema, process.env);

/** Parsed once at cold start; a bad environment fails the container. */
export const config = {
  ...baseConfig(),
  landlord: {
    name: env[envKeys.landlordName],
    phone: env[envKeys.landlordPhone],
    email: env[envKeys.senderAddress],
  },
};
