/**
 * The pages' static assets as CloudFront serves them in AWS: requests for
 * `/assets/*` never reach API Gateway, they are answered from the assets
 * bucket (built by infra/web-assets.ts). Locally the API Gateway stand-in
 * answers them from the built folder the same way, before any route is
 * matched: GET and HEAD only, the content type by extension, the cache
 * lifetime the deployment sets, an ETag (S3's: the MD5 of the object),
 * 304 for a matching `If-None-Match`, 404 for anything missing, and
 * nothing outside the folder, however the path is spelled.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { assetsCacheControl, assetsPath } from '../web-assets.js';

export interface StaticAssets {
  /** The folder `buildAssets` wrote. */
  readonly dir: string;
  /** The URL path they are served under; defaults to `/assets`. */
  readonly urlPath?: string;
  /** Defaults to the deployed objects' Cache-Control. */
  readonly cacheControl?: string;
}

/** What a served asset (or its refusal) is sent as. */
export interface AssetResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Absent for HEAD and 304. */
  readonly body?: Buffer;
}

/** Content types by extension, as the deployment uploads them. */
export const assetContentTypes: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The answer for a request if it is one for an asset, else undefined
 * (the gateway then matches routes as usual).
 *
 * @param target the request target as sent: path and query, percent-encoded
 */
export async function assetResponse(
  assets: StaticAssets,
  method: string,
  target: string,
  ifNoneMatch: string | undefined,
): Promise<AssetResponse | undefined> {
  const prefix = `${(assets.urlPath ?? assetsPath).replace(/\/+$/, '')}/`;
  const rawPath = target.split('?')[0] ?? '';
  if (!rawPath.startsWith(prefix)) return undefined;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const file = await fileFor(assets.dir, rawPath.slice(prefix.length));
  if (file === undefined) return notFound();
  const body = await readFile(file);
  const etag = `"${createHash('md5').update(body).digest('hex')}"`;
  const headers = {
    'content-type':
      assetContentTypes[path.extname(file).toLowerCase()] ??
      'application/octet-stream',
    'cache-control': assets.cacheControl ?? assetsCacheControl,
    etag,
    'x-content-type-options': 'nosniff',
  };
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) {
    return { status: 304, headers };
  }
  return {
    status: 200,
    headers: { ...headers, 'content-length': String(body.length) },
    ...(method === 'GET' && { body }),
  };
}

/**
 * The file a relative URL path names inside `dir`, or undefined when it
 * does not exist, is not a regular file, or would leave the folder (by
 * `..`, an encoded slash or backslash, a NUL, or a symbolic link).
 */
async function fileFor(
  dir: string,
  relative: string,
): Promise<string | undefined> {
  const segments: string[] = [];
  for (const raw of relative.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (
      segment === '' ||
      segment === '.' ||
      segment === '..' ||
      /[/\\\0]/.test(segment)
    ) {
      return undefined;
    }
    segments.push(segment);
  }
  try {
    const root = await realpath(dir);
    const file = await realpath(path.join(root, ...segments));
    if (!file.startsWith(`${root}${path.sep}`)) return undefined;
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

function etagMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

function notFound(): AssetResponse {
  const body = Buffer.from('Not Found');
  return {
    status: 404,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(body.length),
    },
    body,
  };
}
