import { describe, expect, it } from 'vitest';
import {
  composeLetter,
  formatLetterDate,
  formatPounds,
  type Letter,
  renderLetterText,
} from '../../../../domain/letters/index.js';
import {
  aContext,
  anAcknowledgedComplaint,
  anExtendedComplaint,
  aPolicy,
  aReceivedComplaint,
  aRepresentative,
  aResident,
  aStage1RespondedComplaint,
  aStage2RespondedComplaint,
  dates,
  withElements,
} from './support/builders.js';

/** The order the headings appear in. */
function headings(text: string): string[] {
  const lines = text.split('\n');
  return lines.filter((line, index) => {
    const next = lines[index + 1];
    return (
      next !== undefined && /^-+$/.test(next) && next.length === line.length
    );
  });
}

describe('renderLetterText', () => {
  it('lays out a stage 1 acknowledgement with its due date in words', () => {
    const text = renderLetterText(
      composeLetter(
        'stage1-acknowledgement',
        anAcknowledgedComplaint(),
        aContext({ today: '2026-12-21' }),
      ),
    );
    expect(text).toContain('Monday 21 December 2026');
    expect(text).toContain(
      'We will send you our full response by Thursday 7 January 2027.',
    );
    expect(text).toContain('Our reference: RH-2026-0042');
    expect(text).toContain('Ms Aisha Khan\nBy email: aisha.khan@example.org');
    expect(text).toContain('Dear Ms Aisha Khan,');
    expect(text).toContain(
      '3. Your energy supplier overcharged you while the boiler was off.\n   We are not responsible for this. Please contact your energy supplier, or the Energy Ombudsman.',
    );
    expect(text).toContain(
      '1. The boiler broke on 1 December and was not repaired for 16 days.\n   We are responsible for this.',
    );
    expect(text).toContain(
      'What you would like to happen:\n- Compensation for the time without heating.',
    );
    expect(text).toContain(
      'Housing Ombudsman Service\nPO Box 152\nLiverpool\nL33 7WQ\nPhone: 0300 111 3000\nEmail: info@housing-ombudsman.org.uk\nWebsite: www.housing-ombudsman.org.uk',
    );
    expect(text).toContain(
      'Yours sincerely,\n\nComplaints team\nRiverside Homes',
    );
    expect(headings(text)).toEqual([
      'Complaint stage',
      'What your complaint is about',
      'When we will reply',
      'What happens next',
      'The Housing Ombudsman',
    ]);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('puts the stage 1 response sections in the fixed order', () => {
    const text = renderLetterText(
      composeLetter(
        'stage1-response',
        aStage1RespondedComplaint(),
        aContext({ today: dates.stage1RespondedOn }),
      ),
    );
    expect(headings(text)).toEqual([
      'Complaint stage',
      'What your complaint is about',
      'Our decision',
      'Putting things right',
      'What we will still do',
      'If you are unhappy with our response',
      'The Housing Ombudsman',
    ]);
    expect(text).toContain(
      'Our decision: Upheld. We agree we got this wrong.\n   Why: Our repairs policy says we fix a broken boiler within 24 hours in winter. It took 16 days.',
    );
    expect(text).toContain(
      'Partly upheld. We agree we got some of this wrong.',
    );
    expect(text).toContain('Not upheld. We do not think we got this wrong.');
    expect(text).toContain(
      '- We apologise for the time you were left without heating. Given in this letter.',
    );
    expect(text).toContain(
      '- Compensation for 16 days without heating and hot water. Amount: £250.00. By Wednesday 3 February 2027.',
    );
    expect(text).toContain(
      '- Replace the boiler with a new one. By Friday 12 February 2027.',
    );
    expect(text).toContain(
      'There is no deadline for asking us to take your complaint to Stage 2.',
    );
    expect(text).toContain('You do not have to tell us why');
  });

  it('gives the last day to ask for stage 2 when the policy has a window', () => {
    const policy = aPolicy((p) => ({
      escalation: {
        ...p.escalation,
        window: { days: 30, unit: 'calendar-days', cite: p.escalation.cite },
      },
    }));
    const text = renderLetterText(
      composeLetter(
        'stage1-response',
        aStage1RespondedComplaint(),
        aContext({ policy, today: dates.stage1RespondedOn }),
      ),
    );
    expect(text).toContain(
      'Please ask us by Friday 19 February 2027. That is 30 days after our response.',
    );
    const working = withElements(
      composeLetter('stage1-response', aStage1RespondedComplaint(), aContext()),
      {
        escalation: {
          route: 'stage2',
          stageName: 'Stage 2',
          how: 'Call us.',
          noReasonsNeeded: 'No reasons needed.',
          deadline: {
            kind: 'date',
            lastDate: '2027-02-17',
            days: 20,
            unit: 'working-days',
          },
        },
      },
    );
    expect(renderLetterText(working)).toContain(
      'Please ask us by Wednesday 17 February 2027. That is 20 working days after our response.',
    );
  });

  it('says a stage 2 response is final and how to go to the Ombudsman', () => {
    const text = renderLetterText(
      composeLetter(
        'stage2-response',
        aStage2RespondedComplaint(),
        aContext({ today: dates.stage2RespondedOn }),
      ),
    );
    expect(text).toContain('Stage 2 (our final stage)');
    expect(text).toContain(
      'If you are still unhappy\n------------------------\nThis is our final response.',
    );
    expect(text).toContain(
      'ask the Housing Ombudsman to look at your complaint',
    );
  });

  it('shows an extension as the old date and the new one', () => {
    const text = renderLetterText(
      composeLetter('stage1-extension', anExtendedComplaint(), aContext()),
    );
    expect(headings(text)).toEqual([
      'Complaint stage',
      'Our reasons',
      'When we will reply',
      'The Housing Ombudsman',
    ]);
    expect(text).toContain(
      'We said we would reply by Thursday 7 January 2027. We will now reply by Thursday 21 January 2027.',
    );
    const newDateOnly = withElements(
      composeLetter('stage1-extension', anExtendedComplaint(), aContext()),
      { previousDueOn: undefined },
    );
    expect(renderLetterText(newDateOnly)).toContain(
      'We will now reply by Thursday 21 January 2027.',
    );
  });

  it('gives the acknowledgement date on a receipt confirmation', () => {
    const text = renderLetterText(
      composeLetter('receipt-confirmation', aReceivedComplaint(), aContext()),
    );
    expect(text).toContain(
      'When we will write again\n------------------------\nWe will write to you again by Thursday 24 December 2026.',
    );
  });

  it("gives a decline's reasons and the right to challenge it", () => {
    const text = renderLetterText(
      composeLetter(
        'decline',
        aReceivedComplaint({
          declination: {
            exclusionCode: 'legal-proceedings',
            reasons: 'Your claim is before Leeds County Court',
            on: '2026-12-21',
          },
        }),
        aContext(),
      ),
    );
    expect(text).toContain(
      'Our reasons\n-----------\nLegal proceedings have started (a Claim Form and Particulars of Claim filed at court).\n\nYour claim is before Leeds County Court.',
    );
    expect(text).toContain(
      'you can ask the Housing Ombudsman to look at that decision.',
    );
  });

  it('lists the questions of a clarification request', () => {
    const text = renderLetterText(
      composeLetter(
        'clarification-request',
        {
          ...aReceivedComplaint(),
          clarifications: [
            { stage: 1, questions: 'Which rooms have damp?', on: '2026-12-21' },
          ],
        },
        aContext(),
      ),
    );
    expect(text).toContain(
      'What we need from you\n---------------------\n- Which rooms have damp?',
    );
  });

  it('addresses a posted letter and names the copies', () => {
    const { email: _unused, ...postal } = aRepresentative();
    const text = renderLetterText(
      composeLetter(
        'stage1-acknowledgement',
        anAcknowledgedComplaint({
          resident: aResident({ formats: ['large-print'] }),
          representative: postal,
        }),
        aContext(),
      ),
    );
    expect(text).toContain(
      'Mr Daniel Okafor\nCitizens Advice Leeds\n31 Market Street\nLeeds\nLS1 6DT',
    );
    expect(text).toContain('Copy sent to: Ms Aisha Khan (resident)');
  });

  it('lists remedies done earlier, or with no date, and the none statements', () => {
    const base = composeLetter(
      'closure',
      aStage2RespondedComplaint(),
      aContext(),
    );
    const letter: Letter = withElements(base, {
      remedies: {
        kind: 'offered',
        items: [
          { kind: 'apology', what: 'We apologised', doneOn: '2027-01-20' },
          { kind: 'other', what: 'Something else!' },
        ],
      },
      outstandingActions: { kind: 'none', statement: 'Nothing left to do.' },
    });
    const text = renderLetterText(letter);
    expect(text).toContain(
      '- We apologised. Done on Wednesday 20 January 2027.',
    );
    expect(text).toContain('- Something else!\n');
    expect(text).toContain(
      'What we will still do\n---------------------\nNothing left to do.',
    );
    const none = withElements(letter, {
      remedies: { kind: 'none', statement: 'We are not offering a remedy.' },
      outstandingActions: { kind: 'listed', items: [{ what: 'Undated job' }] },
    });
    const noneText = renderLetterText(none);
    expect(noneText).toContain(
      'Putting things right\n--------------------\nWe are not offering a remedy.',
    );
    expect(noneText).toContain('- Undated job.\n');
  });

  it('renders a bare letter without empty sections or a website', () => {
    const base = composeLetter('closure', aReceivedComplaint(), aContext());
    const { website: _unused, ...from } = base.from;
    const bare: Letter = {
      ...base,
      recipients: [],
      from,
      elements: {
        definition: {
          issues: [{ id: 'x', summary: 'Noise', responsibility: 'not-ours' }],
          outcomesSought: [],
        },
        ombudsman: {
          contact: {
            name: 'An Ombudsman',
            shortName: 'Ombudsman',
            address: ['1 Road'],
            phone: '0',
            website: 'w',
          },
          right: 'You may go to them.',
        },
      },
    };
    const text = renderLetterText(bare);
    expect(text).not.toContain('Website: www.riverside.example');
    expect(text).not.toContain('Email: info@');
    expect(text).toContain('1. Noise.\n   We are not responsible for this.\n');
    expect(text).not.toContain('\n\n\n');
    expect(text).not.toContain('Copy sent to');
  });
});

describe('formatLetterDate and formatPounds', () => {
  it.each([
    ['2026-12-21', 'Monday 21 December 2026'],
    ['2027-01-01', 'Friday 1 January 2027'],
    ['2024-02-29', 'Thursday 29 February 2024'],
    ['2027-03-28', 'Sunday 28 March 2027'],
    ['2000-01-01', 'Saturday 1 January 2000'],
  ])('writes %s as %s', (date, words) => {
    expect(formatLetterDate(date)).toBe(words);
  });

  it('refuses a date that is not a date', () => {
    expect(() => formatLetterDate('2027-02-30')).toThrow(/not a YYYY-MM-DD/);
  });

  it.each([
    [0, '£0.00'],
    [5, '£0.05'],
    [25000, '£250.00'],
    [125050, '£1,250.50'],
    [100000000, '£1,000,000.00'],
  ])('writes %i pence as %s', (pence, pounds) => {
    expect(formatPounds(pence)).toBe(pounds);
  });
});
