/**
 * The local user pool's signing key: one RS256 key pair, generated with
 * jose the first time and kept as a private JWK in `<dataDir>/auth/`
 * (mode 0600) so tokens stay valid across restarts and the token CLI signs
 * with the same key as the running stack. Without a data folder the key
 * lives in memory only.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import * as z from 'zod';

/** The one algorithm the local pool signs with, as Cognito does. */
export const signingAlgorithm = 'RS256';

/** The key file, inside the data folder. */
export const signingKeyFile = (dataDir: string): string =>
  path.join(authDir(dataDir), 'signing-key.jwk.json');

/** Where the local user pool keeps its files: `<dataDir>/auth`. */
export function authDir(dataDir: string): string {
  return path.join(dataDir, 'auth');
}

export interface SigningKey {
  /** RFC 7638 thumbprint of the public key, the tokens' `kid`. */
  readonly kid: string;
  /** The private key, for signing. */
  readonly privateKey: CryptoKey;
  /** The public half as it appears in the JWKS. */
  readonly publicJwk: JWK;
}

const storedKeySchema = z.object({
  kty: z.literal('RSA'),
  n: z.string().min(1),
  e: z.string().min(1),
  d: z.string().min(1),
  p: z.string().min(1),
  q: z.string().min(1),
  dp: z.string().min(1),
  dq: z.string().min(1),
  qi: z.string().min(1),
});

/**
 * The pool's signing key: read from `<dataDir>/auth/`, or generated (and
 * written there when a data folder is given).
 */
export async function loadSigningKey(dataDir?: string): Promise<SigningKey> {
  if (dataDir === undefined) return signingKeyOf(await newPrivateJwk());
  const file = signingKeyFile(dataDir);
  const stored = await readKeyFile(file);
  if (stored !== undefined) return signingKeyOf(stored);
  await mkdir(authDir(dataDir), { recursive: true, mode: 0o700 });
  const created = await newPrivateJwk();
  const kept = await createExclusively(file, created);
  return signingKeyOf(kept ? created : await requireKeyFile(file));
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(signingAlgorithm, {
    extractable: true,
    modulusLength: 2048,
  });
  return exportJWK(privateKey);
}

async function signingKeyOf(privateJwk: JWK): Promise<SigningKey> {
  const stored = storedKeySchema.parse(privateJwk);
  const { kty, n, e } = stored;
  const kid = await calculateJwkThumbprint({ kty, n, e });
  const privateKey = await importJWK(
    { ...stored, alg: signingAlgorithm },
    signingAlgorithm,
  );
  return {
    kid,
    privateKey,
    publicJwk: { alg: signingAlgorithm, e, kid, kty, n, use: 'sig' },
  };
}

async function readKeyFile(file: string): Promise<JWK | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = storedKeySchema.safeParse(parsed);
  if (!result.success) {
    // The message names the file only: never the key material.
    throw new Error(
      `${file} is not an RSA private JWK; delete it to make a new local signing key (tokens issued with the old one stop working)`,
    );
  }
  return result.data;
}

async function requireKeyFile(file: string): Promise<JWK> {
  const stored = await readKeyFile(file);
  if (stored === undefined) throw new Error(`${file} vanished while reading`);
  return stored;
}

/**
 * Writes the key to `file` unless it already exists, all at once: the key
 * goes to a private temporary file that is then hard-linked into place, so
 * a CLI and the stack starting together agree on one key and neither ever
 * reads half a file. False when another process got there first.
 */
async function createExclusively(file: string, jwk: JWK): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(jwk, null, 2)}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
