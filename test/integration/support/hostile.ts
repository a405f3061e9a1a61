/**
 * What the hostile-input and access tests share: requests sent byte for
 * byte (no fetch URL normalising, so `..` and `%00` reach the stand-in as
 * written), staff tokens from the local user pool, and the one check that
 * no case is ever half written.
 */
import { request } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import {
  localCredentials,
  localRegion,
} from '../../../infra/local/dynamodb-local.js';
import type { LocalStack } from '../../../infra/local/start.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  readonly text: string;
}

export interface RawRequest {
  readonly method: string;
  /** Sent as written: percent-encoding, `..` and all. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Buffer;
}

/** One HTTP request as written, on a fresh connection. */
export function rawRequest(
  base: string,
  req: RawRequest,
): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: {
          ...(req.body === undefined
            ? {}
            : { 'content-length': String(Buffer.byteLength(req.body)) }),
          ...(req.headers as Record<string, string | string[]>),
          connection: 'close',
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
            text: body.toString('utf8'),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

export interface StaffUser {
  readonly username: string;
  readonly groups: readonly ('officer' | 'manager' | 'mrc')[];
  readonly organisationId: string;
}

/** An ID token for a local user, from the stack's user pool. */
export async function idToken(
  stack: LocalStack,
  user: StaffUser,
): Promise<string> {
  const response = await fetch(String(stack.urls['staff sign-in (POST)']), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (!response.ok) throw new Error(`sign-in: ${response.status}`);
  return ((await response.json()) as { idToken: string }).idToken;
}

/** The console's session cookie holding that token. */
export const sessionCookie = (token: string) =>
  `hearth_console_session=${token}`;

export interface Item {
  readonly [name: string]: unknown;
  readonly pk: string;
  readonly sk: string;
  readonly kind?: string;
  readonly version?: number;
}

/** Where a table is: a DynamoDB Local endpoint and the table's name. */
export interface TableAt {
  readonly endpoint: string;
  readonly tableName: string;
}

/** The table of a local stack started by `startTestStack`. */
export const stackTable = (stack: LocalStack): TableAt => ({
  endpoint: String(stack.urls['DynamoDB Local']),
  tableName: 'hearth-local',
});

/** Every item of a table (small test tables only). */
export async function scanTable({
  endpoint,
  tableName,
}: TableAt): Promise<Item[]> {
  const client = new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  const documents = DynamoDBDocumentClient.from(client);
  try {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new ScanCommand({
          TableName: tableName,
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  } finally {
    client.destroy();
  }
}

/**
 * Nothing half written: every complaint state has its events 1..version
 * and no more, and no event lies outside a complaint. Returns how many
 * complaints were checked.
 */
export async function expectEveryCaseWhole(table: TableAt): Promise<number> {
  const items = await scanTable(table);
  const versions = new Map<string, number[]>();
  for (const item of items.filter((i) => i.kind === 'event')) {
    const list = versions.get(item.pk) ?? [];
    list.push(Number(item.version));
    versions.set(item.pk, list);
  }
  const states = items.filter((i) => i.kind === 'complaint');
  for (const state of states) {
    const found = (versions.get(state.pk) ?? []).sort((a, b) => a - b);
    const expected = Array.from(
      { length: Number(state.version) },
      (_, i) => i + 1,
    );
    expect(found, `${state.pk} events`).toEqual(expected);
    versions.delete(state.pk);
  }
  expect([...versions.keys()], 'events without a complaint').toEqual([]);
  return states.length;
}
