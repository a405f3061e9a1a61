import type { Policy } from '../policy.js';
import { citer } from './cite.js';
import { landlordRetention } from './retention.js';

const SOURCE =
  'LiveWest Customer Compliments, Complaints and Feedback Policy (v4.3, July 2025)';

const { cite: liveWest, entryOf } = citer(SOURCE);

/** An entry of §2's list of matters "excluded from our complaints service". */
const excluded = entryOf('§2 Scope and definitions, exclusions list');

/**
 * LiveWest's policy, approved March 2024 for the 2024 Code and updated July
 * 2025. Close to the Code; where it is silent or reads differently:
 * - the 12-month exclusion counts from the issue ("where more than 12
 *   months has passed") with no awareness limb, softened by discretion and
 *   an "ongoing issue" exception;
 * - extension notices are not said to carry the Ombudsman's details (§13
 *   signposts them in acknowledgement letters only);
 * - stage 2 may be refused where the preferred outcome is not permissible
 *   for regulatory, statutory or legal reasons, which is no section 2
 *   exclusion;
 * - the stage 2 senior manager "review[s] the decision made at stage 1",
 *   which implies someone other than the stage 1 complaint lead.
 * "Within 28 days" to escalate is read as calendar days. The Ombudsman
 * evidence period is not stated (Code default).
 */
export const liveWest2025: Policy = {
  id: 'livewest-2025',
  version: 'v4.3 (July 2025)',
  landlord: 'LiveWest',
  title: 'Customer Compliments, Complaints and Feedback Policy',
  source: liveWest(
    'Document control: approved March 2024 by the Customer Services Committee; updated and effective July 2025',
  ),
  // Exeter (§8): England.
  nation: 'england-and-wales',
  closureDays: [],
  definition: {
    text: 'an expression of dissatisfaction, however made, about the standard of service, actions or lack of action by the landlord, its own staff, or those acting on its behalf, affecting a resident or group of residents',
    cite: liveWest('§2 Scope and definitions ¶4'),
  },
  timeLimit: {
    months: 12,
    from: 'issue',
    discretion: true,
    exceptions: ['issues that form part of an ongoing issue'],
    cite: liveWest(
      '§2 exclusions, first entry; ¶ after the list ("may apply discretion … about issues older than 12 months")',
      'Complaints about issues where more than 12 months has passed, unless they form part of an ongoing issue.',
    ),
  },
  exclusions: [
    excluded(
      'outside-time-limit',
      'Complaints about issues where more than 12 months has passed, unless they form part of an ongoing issue.',
      'outside-time-limit',
    ),
    excluded(
      'not-responsible',
      'Complaints where we have no responsibility and/or are not the statutory body for decision making (such as the police, NHS or Local Authority services or courts system).',
      'other',
    ),
    excluded(
      'legal-proceedings',
      'Complaints in which legal/court proceedings have formally started (such as a Claim Form and Particulars of Claim having been filed at court) or have been issued.',
      'legal-proceedings',
    ),
    excluded(
      'liability-claim',
      'Formal claims for liability or personal injury, which need to be appropriately assessed by our insurer.',
      'other',
    ),
    excluded(
      'previously-considered',
      'Complaints that have previously been considered and exhausted our internal complaints process, including matters then dealt with by the Ombudsman service.',
      'previously-considered',
    ),
    excluded(
      'colleague-conduct',
      'Serious colleague complaints (concerning the conduct, behaviour and/or decision making of a LiveWest colleague where internal disciplinary or relevant procedures are in place',
      'other',
    ),
    excluded(
      'resident-about-resident',
      'Complaints from one resident about another, unless the complaint is about our handling of an open or ongoing Anti-Social Behaviour case.',
      'other',
    ),
    excluded(
      'existing-appeal-process',
      'Stage 1 complaints relating to decisions where existing appeals processes are in place (such as decisions made about the allocation and management of our homes) these complaints could only be considered at stage 2 following the appeal process.',
      'other',
    ),
  ],
  receiptConfirmation: {
    withinHours: 24,
    cite: liveWest(
      '§5 Stage 1 ¶1',
      'We will confirm receipt of a complaint with the customer at stage 1 within 24 hours',
    ),
  },
  stage1: {
    name: 'Stage 1',
    acknowledge: {
      workingDays: 5,
      from: 'receipt',
      cite: liveWest(
        '§5 Stage 1 ¶1',
        'acknowledge, define and log the complaint within 5 working days of it being received',
      ),
    },
    respond: {
      workingDays: 10,
      from: 'acknowledgement',
      cite: liveWest(
        '§5 Stage 1 ¶2',
        'formally respond to the customer within 10 working days of the complaint being acknowledged',
      ),
    },
    extension: {
      maxWorkingDays: 10,
      noticeBeforeDue: true,
      ombudsmanDetailsInNotice: false,
      goodReasonOverride: true,
      cite: liveWest(
        '§5 Stage 1 ¶3 (Ombudsman details not mentioned)',
        'This will usually be no more than 10 working days. We will not extend a complaint without good reason, if an extension beyond 10 working days is needed, we will clearly explain this to the customer.',
      ),
    },
    handler: {
      description:
        'The complaint lead, working with the relevant manager or team leader',
      mustDifferFromStage1: false,
      cite: liveWest(
        '§5 Stage 1 ¶2',
        'The complaint lead will work with the relevant manager or team leader to resolve the complaint',
      ),
    },
  },
  stage2: {
    name: 'Stage 2: Senior manager review',
    acknowledge: {
      workingDays: 5,
      from: 'receipt',
      cite: liveWest(
        '§5 Stage 2 ¶3',
        'we will formally acknowledge, define and escalate the complaint within five working days of the request being received',
      ),
    },
    respond: {
      workingDays: 20,
      from: 'acknowledgement',
      cite: liveWest(
        '§5 Stage 2 ¶4',
        'We will respond to a complaint at stage 2 within 20 working days from the date of the stage 2 formal acknowledgement.',
      ),
    },
    extension: {
      maxWorkingDays: 20,
      noticeBeforeDue: true,
      ombudsmanDetailsInNotice: false,
      goodReasonOverride: true,
      cite: liveWest(
        '§5 Stage 2 ¶4 (Ombudsman details not mentioned)',
        'This will usually be no more than 20 working days. We will not extend a complaint without good reason, if an extension beyond 20 working days is needed, we will clearly explain this to the customer.',
      ),
    },
    handler: {
      description: 'A senior manager who reviews the decision made at stage 1',
      mustDifferFromStage1: true,
      cite: liveWest(
        '§5 Stage 2 ¶3 (implied: a senior manager reviews the stage 1 decision)',
        'The complaint will be assigned to a senior manager who will confirm their understanding of the complaint and review the decision made at stage 1',
      ),
    },
  },
  escalation: {
    window: {
      days: 28,
      unit: 'calendar-days',
      cite: liveWest(
        '§5 Stage 2 ¶1 (reasonable requests for more time agreed)',
        'Within 28 days of receiving the stage 1 outcome letter',
      ),
    },
    reasonsRequired: false,
    acceptedGrounds: 'any',
    refusalGrounds: [
      {
        code: 'outcome-not-permissible',
        label:
          "The customer's preferred outcome is not permissible due to regulatory, statutory, or legal reasons, and there are no concerns about our handling of the complaint at stage one",
        exclusion: null,
        cite: liveWest(
          '§5 Stage 2 ¶2',
          "In exceptional cases where the customer's preferred outcome is not permissible due to regulatory, statutory, or legal reasons, and there are no concerns about our actual handling of the complaint at stage one, we can advise the customer that their complaint will not progress to stage 2.",
        ),
      },
    ],
    cite: liveWest(
      '§5 Stage 2 ¶1',
      'We do not require customers to let us know the reasons for their escalation request',
    ),
  },
  contact: {
    attempts: 3,
    updateIntervalWorkingDays: null,
    representativesAllowed: true,
    representativeConsentRequired: true,
    anonymousMayBeDeclined: false,
    cite: liveWest(
      '§6 ¶2; §3 ¶3 (advocates, agreement recorded); §5 Stage 1 ¶6 (updates as agreed)',
      'We will make a minimum of three attempts to contact a customer to progress their complaint.',
    ),
  },
  closure: {
    autoCloseAfterNoContact: null,
    cite: liveWest(
      '§6 ¶2 (closure only for want of information, and re-openable)',
      'Close the complaint if we have insufficient information to carry out an investigation and advise that the complaint can be re-opened at a later date on provision of additional information',
    ),
  },
  remedies: {
    guidance:
      "Return the customer to the position they would have been in; financial compensation considered under LiveWest's compensation guidance and the Housing Ombudsman's Remedies Guidance; goodwill gestures agreed by any colleague.",
    offsetAgainstArrears: false,
    cite: liveWest(
      '§5 Stage 1 ¶4; §8 Redress and compensation',
      "We will have regard to our internal Compensation Guidance and the Housing Ombudsman's Remedies Guidance",
    ),
  },
  ombudsman: {
    evidenceWorkingDays: 15,
    designatedPerson: false,
    waitWeeks: null,
    cite: liveWest(
      '§5 Stage 2 ¶2 and ¶5 (evidence period: silent — Code default, REGULATION item 70)',
      'Customers who remain unhappy with the outcomes of their complaint are able to refer their concerns to the Housing Ombudsman Service.',
    ),
  },
  restrictions: {
    reasonsEvidenced: true,
    reviewed: true,
    equalityActRegard: true,
    cite: liveWest(
      '§7 Persistent use of the complaints process ¶2–3',
      'Our Unacceptable Behaviour Policy requires that any assessment will demonstrate regard for the provisions of the Equality Act 2010 and includes review arrangements for any restrictions put in place.',
    ),
  },
  governance: {
    memberResponsibleForComplaints: true,
    boardReportingMonths: 3,
    annualReport: true,
    cite: liveWest(
      '§11 Roles and Responsibilities ¶2; §12 Monitoring and review ¶2',
      'The MRC will receive a quarterly complaints performance and insight report',
    ),
  },
  // §3: "in any way and with any member of staff"; verbally, in writing
  // and via social media.
  channels: ['web', 'email', 'phone', 'in-person', 'letter', 'social-media'],
  retention: landlordRetention(SOURCE, {
    ref: '§3 Accessibility ¶7; §14 lists a data protection policy',
    quote:
      'All complaint information will be handled sensitively, telling only those who need to know and complying with relevant data protection requirements.',
  }),
};
