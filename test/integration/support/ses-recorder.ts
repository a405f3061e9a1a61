/**
 * A recording hop in front of the SES v2 stand-in: every SendEmail the
 * functions make passes through unchanged, and the raw MIME of each is
 * kept byte for byte (the stand-in keeps only what it parsed from it).
 * Point `AWS_ENDPOINT_URL_SESV2` at it before the first send.
 */
import { createServer } from 'node:http';
import { closeHttpServer, listen } from '../../../infra/local/listen.js';

export interface SesRecorder {
  readonly endpoint: string;
  /** The raw MIME of every SendEmail with Raw content, in order. */
  readonly raw: Buffer[];
  stop(): Promise<void>;
}

export async function startSesRecorder(target: string): Promise<SesRecorder> {
  const raw: Buffer[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    try {
      const data = (
        JSON.parse(body.toString('utf8')) as {
          Content?: { Raw?: { Data?: string } };
        }
      ).Content?.Raw?.Data;
      if (data !== undefined) raw.push(Buffer.from(data, 'base64'));
    } catch {
      // not a JSON body: passed on as it is
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).flatMap(([name, value]) =>
        ['host', 'content-length', 'connection'].includes(name) ||
        value === undefined
          ? []
          : [[name, String(value)]],
      ),
    );
    const forwarded = await fetch(`${target}${request.url ?? '/'}`, {
      method: request.method ?? 'GET',
      headers,
      ...(body.length === 0 ? {} : { body }),
    });
    const reply = Buffer.from(await forwarded.arrayBuffer());
    response.writeHead(forwarded.status, {
      'content-type':
        forwarded.headers.get('content-type') ?? 'application/json',
    });
    response.end(reply);
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    endpoint: `http://127.0.0.1:${port}`,
    raw,
    stop: () => closeHttpServer(server),
  };
}
