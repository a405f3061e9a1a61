import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLocalIssuer,
  writeIssuerFile,
} from '../../../infra/local/auth.js';
import { tokenCommand } from '../../../infra/tools/token.js';

const issuer = 'http://127.0.0.1:8015/local-user-pool';
const audience = 'hearth-local-console';

let root: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'hearth-token-'));
  out = [];
  err = [];
});
afterEach(() => rm(root, { recursive: true, force: true }));

const run = (...argv: string[]) =>
  tokenCommand(
    argv,
    {},
    {
      root,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    },
  );

describe('npm run token', () => {
  it('prints, alone on stdout, a token the stack’s pool on that data folder accepts', async () => {
    const dataDir = path.join(root, '.hearth');
    const stack = await createLocalIssuer({ dataDir, issuer, audience });
    await writeIssuerFile(dataDir, { issuer, audience });

    const code = await run(
      '--user',
      'ana',
      '--group',
      'officer',
      '--group',
      'mrc',
    );

    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const claims = await stack.verify(out[0] ?? '');
    expect(claims).toMatchObject({
      'cognito:username': 'ana',
      'cognito:groups': ['officer', 'mrc'],
      'custom:organisation': 'local',
    });
    expect(err.join('\n')).not.toContain(out[0]);
  });

  it('takes the data folder, organisation and issuer from flags', async () => {
    const code = await run(
      '--user',
      'ben',
      '--group',
      'manager',
      '--organisation',
      'north-homes',
      '--data-dir',
      'elsewhere',
      '--issuer',
      issuer,
    );
    const stack = await createLocalIssuer({
      dataDir: path.join(root, 'elsewhere'),
      issuer,
      audience,
    });

    expect(code).toBe(0);
    expect(await stack.verify(out[0] ?? '')).toMatchObject({
      'custom:organisation': 'north-homes',
    });
  });

  it('explains that the stack must have run when the folder has no pool', async () => {
    const code = await run('--user', 'ana', '--group', 'officer');

    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/npm start/);
  });

  it('refuses an unknown group or a missing user with the usage', async () => {
    const unknownGroup = await run(
      '--user',
      'ana',
      '--group',
      'admin',
      '--issuer',
      issuer,
    );
    const noUser = await run('--group', 'officer', '--issuer', issuer);
    const unknownFlag = await run('--usr', 'ana');

    expect([unknownGroup, noUser, unknownFlag]).toEqual([2, 2, 2]);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/usage: npm run -s token/);
  });
});
