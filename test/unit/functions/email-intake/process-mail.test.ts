import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  handleMail,
  processMail,
} from '../../../../functions/email-intake/process-mail.js';
import { deps as makeDeps } from './support.js';

const now = '2026-11-26T10:00:00.000Z';
const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/mail/${name}`, import.meta.url));

async function arrange(files: Record<string, Buffer | string>) {
  const built = makeDeps();
  for (const [key, raw] of Object.entries(files)) {
    await built.objects.put(key, raw, 'message/rfc822');
  }
  const run = (key: string) =>
    processMail(built.deps, handleMail(built.deps), key, now);
  return { ...built, run };
}

describe('processMail', () => {
  it('opens an email complaint, files stored first and listed on it', async () => {
    const { run, repository, objects } = await arrange({
      'in/1.eml': fixture('new-complaint.eml'),
    });

    const outcome = await run('in/1.eml');

    expect(outcome).toEqual({
      outcome: 'complaint',
      reference: 'HTH-2026-000001',
      attachments: 2,
    });
    const [saved] = repository.saves;
    expect(saved?.state).toMatchObject({
      reference: 'HTH-2026-000001',
      channel: 'email',
      receivedAt: '2026-11-24T09:15:00.000Z',
      sourceMessageId: '<CAF3x9k2m5Qp7wT1@mail.example.org>',
      resident: { name: 'Alex Resident', email: 'alex.resident@example.org' },
    });
    expect(saved?.intents).toContainEqual(
      expect.objectContaining({
        type: 'send-letter',
        kind: 'receipt-confirmation',
      }),
    );
    const files = saved?.state.attachments ?? [];
    expect(files.map((f) => f.filename)).toEqual([
      'bedroom_wall.jpg',
      'repair-log.pdf',
    ]);
    for (const file of files) {
      expect(objects.objects.get(file.key)?.body.length).toBe(file.size);
    }
  });

  it('threads the resident’s reply to our letter onto the case', async () => {
    const { run, repository } = await arrange({
      'in/1.eml': fixture('new-complaint.eml'),
      // From: "Alex Resident" <Alex.Resident@Example.org>: case differs.
      'in/2.eml': fixture('reply-to-letter.eml'),
    });
    await run('in/1.eml');

    const outcome = await run('in/2.eml');

    expect(outcome).toMatchObject({
      outcome: 'correspondence',
      reference: 'HTH-2026-000001',
      changed: true,
    });
    expect(repository.states.size).toBe(1);
    expect(repository.states.get('HTH-2026-000001')?.correspondence).toEqual([
      expect.objectContaining({
        direction: 'in',
        channel: 'email',
        messageId: '<CAF3x9k2m5Qp7wT2@mail.example.org>',
        at: '2026-11-25T18:02:11.000Z',
      }),
    ]);
  });

  it('records a repeated reply once (the domain knows its Message-ID)', async () => {
    const { run, repository } = await arrange({
      'in/1.eml': fixture('new-complaint.eml'),
      'in/2.eml': fixture('reply-to-letter.eml'),
    });
    await run('in/1.eml');
    await run('in/2.eml');

    const again = await run('in/2.eml');

    expect(again).toMatchObject({ outcome: 'correspondence', changed: false });
    expect(repository.saves).toHaveLength(2);
  });

  it('opens a new complaint for a stranger quoting the reference', async () => {
    const { run, repository } = await arrange({
      'in/1.eml': fixture('new-complaint.eml'),
      'in/2.eml': fixture('reply-to-letter.eml')
        .toString()
        .replace(
          '"Alex Resident" <Alex.Resident@Example.org>',
          'mallory@attacker.example',
        )
        .replace('CAF3x9k2m5Qp7wT2', 'stranger-1'),
    });
    await run('in/1.eml');

    const outcome = await run('in/2.eml');

    expect(outcome).toMatchObject({
      outcome: 'complaint',
      reference: 'HTH-2026-000002',
    });
    expect(repository.states.get('HTH-2026-000001')?.correspondence).toEqual(
      [],
    );
  });

  it('quarantines a message without From, writing nothing', async () => {
    const { run, repository, objects, lines } = await arrange({
      'in/3.eml': fixture('no-from.eml'),
    });

    const outcome = await run('in/3.eml');

    expect(outcome).toEqual({
      outcome: 'quarantined',
      reason: 'no-from',
      quarantineKey: 'quarantine/2026-11-26/in/3.eml',
    });
    expect(objects.objects.get('quarantine/2026-11-26/in/3.eml')).toMatchObject(
      { metadata: { reason: 'no-from' }, body: fixture('no-from.eml') },
    );
    expect(repository.saves).toHaveLength(0);
    const warning = JSON.parse(
      lines.find((l) => l.includes('quarantined')) ?? '{}',
    );
    expect(warning).toMatchObject({
      level: 'WARN',
      reason: 'no-from',
      key: 'in/3.eml',
    });
  });

  it('quarantines a bounce of our letter instead of opening a complaint', async () => {
    const { run, repository } = await arrange({
      'in/1.eml': fixture('new-complaint.eml'),
      'in/6.eml': fixture('bounce.eml'),
    });
    await run('in/1.eml');

    expect(await run('in/6.eml')).toMatchObject({
      outcome: 'quarantined',
      reason: 'automatic',
    });
    expect(repository.saves).toHaveLength(1);
  });

  it('records the resident’s out-of-office reply on the case', async () => {
    const { run } = await arrange({
      'in/1.eml': fixture('new-complaint.eml'),
      'in/7.eml': fixture('out-of-office.eml'),
    });
    await run('in/1.eml');

    expect(await run('in/7.eml')).toMatchObject({
      outcome: 'correspondence',
      reference: 'HTH-2026-000001',
    });
  });

  it('opens a complaint from a one-word subject and no text', async () => {
    const { run, repository } = await arrange({
      'in/8.eml': 'From: jo@example.org\r\nSubject: Help\r\n\r\n',
    });

    expect(await run('in/8.eml')).toMatchObject({ outcome: 'complaint' });
    expect(repository.saves[0]?.state.summary).toBe('Help');
  });

  it('quarantines an object over 25 MB as too-large', async () => {
    const { run } = await arrange({
      'in/big.eml': Buffer.alloc(25 * 1024 * 1024 + 1, 0x61),
    });

    expect(await run('in/big.eml')).toMatchObject({
      outcome: 'quarantined',
      reason: 'too-large',
    });
  });

  it('quarantines what the domain refuses', async () => {
    const built = makeDeps();
    await built.objects.put('in/4.eml', fixture('new-complaint.eml'), 'x');

    const outcome = await processMail(
      built.deps,
      async () => ({
        outcome: 'refused',
        reason: 'rejected',
        code: 'INPUT.REQUIRED',
      }),
      'in/4.eml',
      now,
    );

    expect(outcome).toMatchObject({
      outcome: 'quarantined',
      reason: 'rejected',
    });
  });

  it('reports a missing object without throwing', async () => {
    const { run, lines } = await arrange({});

    expect(await run('in/gone.eml')).toEqual({ outcome: 'missing' });
    expect(lines.join('\n')).toContain('Mail object not found');
  });

  it('throws when S3 fails, so Lambda retries', async () => {
    const built = makeDeps();
    built.objects.get = async () => {
      throw new Error('connect ECONNREFUSED');
    };

    await expect(
      processMail(built.deps, handleMail(built.deps), 'in/1.eml', now),
    ).rejects.toThrow('ECONNREFUSED');
  });

  it('throws when DynamoDB fails, and quarantines nothing', async () => {
    const { run, repository, objects } = await arrange({
      'in/1.eml': fixture('new-complaint.eml'),
    });
    repository.save = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };

    await expect(run('in/1.eml')).rejects.toThrow('Throughput');
    expect(await objects.list('quarantine/')).toEqual([]);
  });

  it('logs the reference and the key, never the sender or the mail', async () => {
    const { run, lines } = await arrange({
      'in/1.eml': fixture('new-complaint.eml'),
      'in/2.eml': fixture('reply-to-letter.eml'),
      'in/3.eml': fixture('no-from.eml'),
      'in/5.eml': fixture('html-only.eml'),
    });
    for (const key of ['in/1.eml', 'in/2.eml', 'in/3.eml', 'in/5.eml']) {
      await run(key);
    }

    const log = lines.join('\n');
    expect(log).toContain('HTH-2026-000001');
    for (const secret of [
      'alex.resident@example.org',
      'Alex Resident',
      'Damp and mould',
      'asthma',
      'Harbour Road',
      'siobhan@example.net',
      'Siobh',
      'Rent statement',
      'caretaker',
      'surveyor',
    ]) {
      expect(log.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });
});
