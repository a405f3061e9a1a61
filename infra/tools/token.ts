/**
 * Prints an ID token from the local user pool, for curl against the local
 * API's staff routes. It signs with the key the local stack keeps in the
 * data folder, for the issuer and audience the stack last served there.
 *
 *   TOKEN=$(npm run -s token -- --user ana --group officer)
 *   curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3000/…
 *
 * Options: --user (required), --group officer|manager|mrc (repeatable),
 * --organisation (default local), --email, --ttl seconds (default 8 h),
 * --data-dir (default .hearth), --issuer and --audience (default: as
 * recorded by the last `npm start` on that data folder).
 * The token alone goes to stdout; a summary goes to stderr.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import {
  createLocalIssuer,
  defaultTokenTtlSeconds,
  localAudience,
  localUserSchema,
  readIssuerFile,
} from '../local/auth.js';

const usage =
  'usage: npm run -s token -- --user <name> [--group officer|manager|mrc]… ' +
  '[--organisation <id>] [--email <address>] [--ttl <seconds>] ' +
  '[--data-dir <dir>] [--issuer <url>] [--audience <client id>]';

export interface TokenIo {
  /** The repository root, that a relative data folder is resolved against. */
  readonly root: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Thrown for a failure already explained to the user. */
class TokenFailure extends Error {}

/**
 * Runs the command; resolves with the exit code.
 *
 * @example
 * await tokenCommand(['--user', 'ana', '--group', 'officer'], process.env, io);
 */
export async function tokenCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: TokenIo,
): Promise<number> {
  try {
    const flags = flagsOf(argv);
    const dataDir = path.resolve(
      io.root,
      flags['data-dir'] ?? env.HEARTH_DATA_DIR ?? '.hearth',
    );
    const recorded = await readIssuerFile(dataDir);
    const issuer = flags.issuer ?? recorded?.issuer;
    if (issuer === undefined) {
      throw new TokenFailure(
        `No local user pool has run on ${dataDir} yet: start it with npm start ` +
          '(or pass --issuer with the URL npm start printed).',
      );
    }
    const audience = flags.audience ?? recorded?.audience ?? localAudience;
    const user = localUserSchema.safeParse({
      username: flags.user,
      groups: flags.group ?? [],
      organisationId: flags.organisation ?? env.HEARTH_ORGANISATION ?? 'local',
      ...(flags.email !== undefined && { email: flags.email }),
      ...(flags.ttl !== undefined && { ttlSeconds: Number(flags.ttl) }),
    });
    if (!user.success) {
      throw new TokenFailure(`${z.prettifyError(user.error)}\n${usage}`);
    }
    const pool = await createLocalIssuer({ dataDir, issuer, audience });
    const token = await pool.issue(user.data);
    io.out(token);
    const groups = user.data.groups.join(', ') || 'no groups';
    const hours = (user.data.ttlSeconds ?? defaultTokenTtlSeconds) / 3600;
    io.err(
      `ID token for ${user.data.username} (${groups}) of ${user.data.organisationId}, ` +
        `valid ${Number(hours.toFixed(2))} h, issuer ${issuer}`,
    );
    return 0;
  } catch (error) {
    io.err(
      error instanceof TokenFailure
        ? error.message
        : `token: ${error instanceof Error ? error.message : String(error)}`,
    );
    return error instanceof TokenFailure ? 2 : 1;
  }
}

function flagsOf(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        user: { type: 'string' },
        group: { type: 'string', multiple: true },
        organisation: { type: 'string' },
        email: { type: 'string' },
        ttl: { type: 'string' },
        'data-dir': { type: 'string' },
        issuer: { type: 'string' },
        audience: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new TokenFailure(
      `${error instanceof Error ? error.message : String(error)}\n${usage}`,
    );
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === import.meta.filename
) {
  tokenCommand(process.argv.slice(2), process.env, {
    root: path.resolve(import.meta.dirname, '../..'),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then((code) => {
    process.exitCode = code;
  });
}
