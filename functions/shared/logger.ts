/**
 * Every function's logger. The JMESPath search function is what lets
 * `injectLambdaContext(logger, { correlationIdPath })` put the request's
 * correlation id on each line; without it Powertools only warns.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { search } from '@aws-lambda-powertools/logger/correlationId';

export function functionLogger(name: string): Logger {
  return new Logger({
    serviceName: `hearth-${name}`,
    correlationIdSearchFn: search,
  });
}
