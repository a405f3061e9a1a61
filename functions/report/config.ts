import * as z from 'zod';
import { baseConfig, parseEnv } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';
import { parseStock } from '../shared/report/build.js';

const schema = z.object({
  [envKeys.reportsBucket]: z.string().min(1),
  [envKeys.senderAddress]: z.email(),
  [envKeys.landlordName]: z.string().trim().min(1),
  [envKeys.boardRecipients]: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email()).min(1)),
  [envKeys.housingStock]: z.string().min(2),
  /** The site's origin: the Board's email links to the console's reports there. */
  [envKeys.siteUrl]: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, '')),
});

/** The report function's configuration, parsed once at cold start. */
export function reportConfig(env: NodeJS.ProcessEnv = process.env) {
  const v = parseEnv(schema, env);
  return {
    ...baseConfig(env),
    reportsBucket: v[envKeys.reportsBucket],
    senderAddress: v[envKeys.senderAddress],
    landlordName: v[envKeys.landlordName],
    boardRecipients: v[envKeys.boardRecipients],
    stock: parseStock(v[envKeys.housingStock]),
    siteUrl: v[envKeys.siteUrl],
  };
}

export const config = reportConfig();
