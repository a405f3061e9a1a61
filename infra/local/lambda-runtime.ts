/**
 * How the local stack runs Hearth's functions: as Lambda does, by loading
 * each handler module from its entry path at run time (never a static
 * import) and calling its exported `handler` with an event and a realistic
 * Context. Every stand-in (API, stream poller, scheduler, SMTP) invokes
 * through this one runtime.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functionEntry } from '../routes.js';

export type LambdaHandler = (event: unknown, context: Context) => unknown;

export interface RuntimeOptions {
  /** The repository root entry paths are relative to. */
  readonly root: string;
  /** The deployed region the ARNs name. */
  readonly region?: string;
  /** Lambda timeout, for `getRemainingTimeInMillis`. */
  readonly timeoutMs?: number;
  readonly memoryMb?: number;
}

const ACCOUNT = '000000000000';

/**
 * A Context as Lambda builds it for one invocation.
 *
 * @example
 * const context = lambdaContext('intake', { root: process.cwd() });
 */
export function lambdaContext(
  functionName: string,
  options: Omit<RuntimeOptions, 'root'> = {},
): Context {
  const region = options.region ?? 'eu-west-2';
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = Date.now();
  const name = `hearth-${functionName}`;
  const fail = () => {
    throw new Error('Callback-style completion is not supported');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`,
    memoryLimitInMB: String(options.memoryMb ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `${new Date(started).toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () =>
      Math.max(0, timeoutMs - (Date.now() - started)),
    done: fail,
    fail,
    succeed: fail,
  };
}

/**
 * Loads and invokes functions by name. A module is loaded once, on first
 * use, like a warm Lambda container.
 */
export class LocalLambdas {
  readonly #options: RuntimeOptions;
  readonly #loaded = new Map<string, Promise<LambdaHandler>>();

  constructor(options: RuntimeOptions) {
    this.#options = options;
  }

  /** Invokes a function's handler with an event, as Lambda would. */
  async invoke(functionName: string, event: unknown): Promise<unknown> {
    const handler = await this.#handler(functionName);
    return handler(event, lambdaContext(functionName, this.#options));
  }

  #handler(functionName: string): Promise<LambdaHandler> {
    let loading = this.#loaded.get(functionName);
    if (loading === undefined) {
      loading = loadHandler(
        path.resolve(this.#options.root, functionEntry(functionName)),
      );
      this.#loaded.set(functionName, loading);
    }
    return loading;
  }
}

/** Imports a handler module from its file path and returns its `handler`. */
export async function loadHandler(file: string): Promise<LambdaHandler> {
  const module: { handler?: unknown } = await import(pathToFileURL(file).href);
  if (typeof module.handler !== 'function') {
    throw new Error(`${file} does not export a handler function`);
  }
  return module.handler as LambdaHandler;
}
