import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersistedState } from '../../../infra/local/scheduler/model.js';
import { createStore } from '../../../infra/local/scheduler/store.js';

const folders: string[] = [];

afterEach(async () => {
  await Promise.all(
    folders.splice(0).map((f) => rm(f, { recursive: true, force: true })),
  );
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hearth-scheduler-store-'));
  folders.push(dir);
  return dir;
}

const state = (clockOffsetMs: number): PersistedState => ({
  version: 1,
  clockOffsetMs,
  schedules: [],
  deliveries: [],
  deadLetters: [],
});

describe('scheduler state store', () => {
  it('has nothing to load in a new folder', async () => {
    // Prepare
    const store = createStore(await tempDir());

    // Act
    const loaded = await store.load();

    // Assess
    expect(loaded).toBeUndefined();
  });

  it('ends up holding the latest of many quick saves, with no temporary files left', async () => {
    // Prepare
    const dir = await tempDir();
    const store = createStore(path.join(dir, 'nested'));

    // Act
    for (let i = 1; i <= 50; i += 1) store.save(state(i));
    await store.flush();

    // Assess
    expect(await readdir(path.join(dir, 'nested'))).toEqual(['scheduler.json']);
    expect(
      (await createStore(path.join(dir, 'nested')).load())?.clockOffsetMs,
    ).toBe(50);
  });

  it('writes valid JSON a person can read', async () => {
    // Prepare
    const dir = await tempDir();
    const store = createStore(dir);

    // Act
    store.save(state(7));
    await store.flush();

    // Assess
    const text = await readFile(path.join(dir, 'scheduler.json'), 'utf8');
    expect(JSON.parse(text)).toEqual(state(7));
    expect(text).toContain('\n  "clockOffsetMs": 7');
  });

  it('refuses a state file of a version it does not know', async () => {
    // Prepare
    const dir = await tempDir();
    await writeFile(
      path.join(dir, 'scheduler.json'),
      JSON.stringify({ ...state(0), version: 2 }),
    );

    // Act
    const loading = createStore(dir).load();

    // Assess
    await expect(loading).rejects.toThrow('unknown state version 2');
  });

  it('keeps nothing without a data folder', async () => {
    // Prepare
    const store = createStore(undefined);

    // Act
    store.save(state(1));
    await store.flush();

    // Assess
    expect(await store.load()).toBeUndefined();
  });
});
