import type { ComplaintState, Letter, LetterKind } from '@hearth/domain';
import { composeLetter } from '@hearth/domain';
import {
  aContext,
  anAcknowledgedComplaint,
  aStage1RespondedComplaint,
  definition,
} from '../../domain/letters/support/builders.js';

export {
  aRepresentative,
  aResident,
  definition,
  landlord,
} from '../../domain/letters/support/builders.js';

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

export function letterOf(
  kind: LetterKind,
  state: ComplaintState,
  letterId = 'RH-2026-0042/stage1-acknowledgement/2',
): Letter {
  return composeLetter(kind, state, aContext({ letterId }));
}

/** A stage 1 acknowledgement to the resident by email. */
export function anAcknowledgement(
  overrides: Partial<ComplaintState> = {},
): Letter {
  return letterOf('stage1-acknowledgement', anAcknowledgedComplaint(overrides));
}

/** A long letter: the stage 1 response, with decisions, remedies, actions. */
export function aStage1Response(
  overrides: Partial<ComplaintState> = {},
): Letter {
  return letterOf(
    'stage1-response',
    aStage1RespondedComplaint(overrides),
    'RH-2026-0042/stage1-response/4',
  );
}

/** An acknowledgement whose definition a resident's hostile text fills. */
export function aHostileAcknowledgement(
  overrides: Partial<ComplaintState> = {},
): Letter {
  const base = anAcknowledgedComplaint();
  return letterOf(
    'stage1-acknowledgement',
    anAcknowledgedComplaint({
      ...overrides,
      stage1: {
        ...(base.stage1 as NonNullable<ComplaintState['stage1']>),
        definition: {
          ...definition,
          issues: [
            { id: 'i1', summary: `The window ${HOSTILE}`, inScope: true },
          ],
          outcomesSought: [`Fix it "now" & ${HOSTILE}`],
        },
      },
    }),
  );
}
