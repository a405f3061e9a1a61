/**
 * Every function's logger. `injectLambdaContext(logger, { correlationIdPath })`
 * needs a search function to put the request's correlation id on each
 * line (without one Powertools only warns). Every path Hearth names is a
 * plain dotted path, so it is followed here rather than by Powertools'
 * JMESPath engine (23 KB in every bundle).
 */
import { Logger } from '@aws-lambda-powertools/logger';

export function functionLogger(name: string): Logger {
  return new Logger({
    serviceName: `hearth-${name}`,
    correlationIdSearchFn: dottedPath,
  });
}

/** `a.b.c` in `data`, or undefined where any step is missing. */
export function dottedPath(expression: string, data: unknown): unknown {
  let value = data;
  for (const key of expression.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
