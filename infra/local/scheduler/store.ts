/**
 * Keeps the Scheduler's state in `<dataDir>/scheduler.json`, or nowhere.
 *
 * Each save is written to a temporary file and renamed over the old one,
 * so a crash mid-write leaves the previous state whole. Saves queue behind
 * the one being written and collapse into the latest, so the file always
 * ends up holding the newest state without concurrent writers.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PersistedState } from './model.js';

export interface StateStore {
  /** The saved state; undefined when there is none yet. */
  load(): Promise<PersistedState | undefined>;
  /** Queues a write of `state` as it is now. */
  save(state: PersistedState): void;
  /** Resolves once every queued write is on disk. */
  flush(): Promise<void>;
}

/** The file a data folder's scheduler state lives in. */
export function stateFile(dataDir: string): string {
  return path.join(dataDir, 'scheduler.json');
}

/**
 * A store in `dataDir`, or an in-memory one (nothing kept) without it.
 *
 * @example
 * const store = createStore('.hearth');
 * const state = await store.load();
 */
export function createStore(
  dataDir: string | undefined,
  onError: (error: unknown) => void = () => {},
): StateStore {
  if (dataDir === undefined) {
    return {
      load: async () => undefined,
      save: () => {},
      flush: async () => {},
    };
  }
  const file = stateFile(dataDir);
  let writing: Promise<void> | undefined;
  let pending: string | undefined;
  let failure: unknown;

  const writeLoop = async () => {
    await mkdir(dataDir, { recursive: true });
    while (pending !== undefined) {
      const text = pending;
      pending = undefined;
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, text);
        await rename(temporary, file);
      } catch (error) {
        failure = error;
        onError(error);
        await rm(temporary, { force: true });
      }
    }
  };

  const kick = (): void => {
    if (writing !== undefined) return;
    writing = writeLoop().finally(() => {
      writing = undefined;
      // A save that landed after the loop's last check starts another.
      if (pending !== undefined) kick();
    });
  };

  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
      const state = JSON.parse(text) as PersistedState;
      if (state.version !== 1) {
        throw new Error(`${file}: unknown state version ${state.version}`);
      }
      return state;
    },
    save(state) {
      pending = `${JSON.stringify(state, null, 2)}\n`;
      kick();
    },
    async flush() {
      while (writing !== undefined) await writing;
      if (failure !== undefined) {
        const error = failure;
        failure = undefined;
        throw error;
      }
    },
  };
}
