/**
 * A period's Board figures for the console, made exactly as the monthly
 * Board report makes them: the shared build's `reportFromStore`
 * (functions/shared/report/build.ts), which reads the complaints month by
 * month through the reporting index (never a scan) and applies the same
 * rules.
 */
import type {
  BoardFigures,
  Policy,
  ReportingPeriod,
  StockCount,
} from '@hearth/domain';
import { reportFromStore } from '../shared/report/build.js';

export interface FiguresDeps {
  /** What the shared build reads from: the complaint repository. */
  readonly repository: Parameters<typeof reportFromStore>[0]['store'];
  readonly config: {
    readonly policy: Policy;
    readonly stock: readonly StockCount[];
    readonly landlord: { readonly name: string };
  };
}

export async function periodFigures(
  deps: FiguresDeps,
  organisationId: string,
  period: ReportingPeriod,
  now: string,
): Promise<BoardFigures> {
  const { figures } = await reportFromStore({
    store: deps.repository,
    organisationId,
    fallbackPolicy: deps.config.policy,
    stock: deps.config.stock,
    period,
    meta: { landlord: deps.config.landlord.name, generatedAt: now },
  });
  return figures;
}
