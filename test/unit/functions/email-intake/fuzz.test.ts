import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  handleMail,
  processMail,
} from '../../../../functions/email-intake/process-mail.js';
import { mimeArbitraries } from '../../../fixtures/mail/mime-arbitraries.js';
import { deps } from './support.js';

const now = '2026-11-26T10:00:00.000Z';
const mime = mimeArbitraries({ ours: 'livewest.example', year: 2026 });

describe('processMail under fuzzed raw MIME', () => {
  it('answers every message with a complaint, a correspondence or a quarantine, and saves only valid rows', async () => {
    const built = deps();
    // Case 1 exists, so replies naming it are threaded.
    await built.objects.put(
      'seed.eml',
      'From: Alex <alex@example.org>\r\nSubject: Mould\r\n\r\nBlack mould.',
      'message/rfc822',
    );
    await processMail(built.deps, handleMail(built.deps), 'seed.eml', now);

    await fc.assert(
      fc.asyncProperty(mime.any, async (raw) => {
        const key = `fuzz/${randomUUID()}.eml`;
        await built.objects.put(key, raw, 'message/rfc822');
        const saves = built.repository.saves.length;

        const outcome = await processMail(
          built.deps,
          handleMail(built.deps),
          key,
          now,
        );

        expect(['complaint', 'correspondence', 'quarantined']).toContain(
          outcome.outcome,
        );
        if (outcome.outcome === 'quarantined') {
          expect(built.repository.saves.length).toBe(saves);
          expect(
            built.objects.objects.get(outcome.quarantineKey)?.body,
          ).toEqual(raw);
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
