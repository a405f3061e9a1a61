/**
 * Hearth as a resident or officer meets it: the real `npm start`, in
 * memory, on free ports, in its own process group so stopping it stops
 * DynamoDB Local and every stand-in with it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';

export interface RunningHearth {
  /** The URLs `npm start` printed, by name (`api`, `ses`, …). */
  readonly urls: Readonly<Record<string, string>>;
  /** Everything it printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
  /**
   * Sends `signal` to the whole process group (npm, Node, DynamoDB Local)
   * and waits until it is gone: `kill('SIGKILL')` is a crash, nothing
   * cleaned up.
   */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface HearthOptions {
  /** Keep data in this folder (`--data-dir`) instead of `--in-memory`. */
  readonly dataDir?: string;
}

const root = path.resolve(import.meta.dirname, '../../..');
const portFlags = [
  'api-port',
  'dynamodb-port',
  'ses-port',
  'scheduler-port',
  'smtp-port',
  'auth-port',
  's3-port',
] as const;

/**
 * Runs `npm start -- --in-memory …` (or on a data folder) and waits until
 * it says it is ready.
 */
export async function startHearth(
  flags: readonly string[] = [],
  timeoutMs = 120_000,
  options: HearthOptions = {},
): Promise<RunningHearth> {
  const free = await freePorts(portFlags.length);
  const ports = portFlags.flatMap((flag, i) => [`--${flag}`, String(free[i])]);
  const storage =
    options.dataDir === undefined
      ? ['--in-memory']
      : ['--data-dir', options.dataDir];
  const child = spawn('npm', ['start', '--', ...storage, ...ports, ...flags], {
    cwd: root,
    detached: true,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = () => stopGroup(child);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`npm start did not start:\n${output}`)),
        timeoutMs,
      );
      const check = () => {
        if (output.includes('Press Ctrl-C to stop.')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${code}:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls: urlsIn(output),
    output: () => output,
    stop,
    kill: (signal) => killGroup(child, signal),
  };
}

/**
 * Signals the process group, then waits until none of it is left (a
 * group that outlives a gentler signal by 15 s gets SIGKILL).
 */
async function killGroup(
  child: ChildProcess,
  signal: NodeJS.Signals,
): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, signal);
  } catch {
    return;
  }
  const force = setTimeout(() => {
    if (alive()) process.kill(-pid, 'SIGKILL');
  }, 15_000);
  await exited;
  // The group's other members (DynamoDB Local's Java) may outlive npm:
  // wait for them, but not forever (an unreaped zombie still answers).
  for (let i = 0; i < 200 && alive(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  clearTimeout(force);
}

/**
 * Distinct free ports: every listener is held open until all are chosen,
 * so the system cannot hand the same port out twice.
 */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((server) => {
      const address = server.address();
      if (typeof address !== 'object' || address === null) {
        throw new Error('no port');
      }
      return address.port;
    });
  } finally {
    await Promise.all(
      servers.map((server) => new Promise((resolve) => server.close(resolve))),
    );
  }
}

/** `  api   http://127.0.0.1:3000` lines → `{ api: 'http://…' }`. */
export function urlsIn(printed: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const line of printed.split('\n')) {
    const match = /^ {2}(\S.*?)\s{2,}([a-z]+:\/\/\S+)\s*$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      urls[match[1].trim()] = match[2];
    }
  }
  return urls;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {}
  }, 15_000);
  await exited;
  clearTimeout(timer);
}
