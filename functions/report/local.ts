/**
 * `npm run report`: the report function's figures and documents for a
 * period, read from the table the environment names, returned rather than
 * stored or mailed. Loaded by path by infra/tools/report.ts.
 */
import * as z from 'zod';
import { baseConfig, parseEnv } from '../shared/config.js';
import { envKeys } from '../shared/env-keys.js';
import {
  parseStock,
  type ReportDocument,
  reportFromStore,
  reportPeriod,
} from '../shared/report/build.js';
import { repositoryFor } from '../shared/wiring.js';

const schema = z.object({
  [envKeys.landlordName]: z.string().trim().min(1),
  [envKeys.housingStock]: z.string().min(2),
});

export interface LocalReport {
  readonly period: string;
  readonly complaints: number;
  readonly documents: readonly ReportDocument[];
}

export async function reportDocuments(given: {
  from: string;
  to: string;
}): Promise<LocalReport> {
  const base = baseConfig();
  const v = parseEnv(schema, process.env);
  const now = new Date().toISOString();
  const period = reportPeriod(now.slice(0, 10), given);
  const report = await reportFromStore({
    store: repositoryFor(base.tableName),
    organisationId: base.organisationId,
    fallbackPolicy: base.policy,
    stock: parseStock(v[envKeys.housingStock]),
    period,
    meta: { landlord: v[envKeys.landlordName], generatedAt: now },
  });
  return {
    period: period.label,
    complaints: report.complaints,
    documents: report.documents,
  };
}
