import type { Policy } from '../policy.js';
import { citer } from './cite.js';
import { codeDefaultRetention } from './retention.js';

const { cite: code } = citer('Complaint Handling Code 2024');

/**
 * The Housing Ombudsman's Complaint Handling Code (2024) defaults: the
 * policy a landlord gets when it has not written its own. Rows that
 * REGULATION.md tags C or U are values here, cited, so a landlord can see
 * and change them.
 */
export const code2024: Policy = {
  id: 'code-2024',
  version: '2024-04',
  landlord: 'Any member landlord',
  title: 'Complaint Handling Code 2024 defaults',
  source: code('Introduction', 'statutory from 1 April 2024'),
  nation: 'england-and-wales',
  closureDays: [],
  definition: {
    text: 'An expression of dissatisfaction, however made, about the standard of service, actions or lack of action by the landlord, its own staff, or those acting on its behalf, affecting a resident or group of residents.',
    cite: code('1.2'),
  },
  timeLimit: {
    months: 12,
    from: 'issue-or-awareness',
    discretion: true,
    exceptions: [],
    cite: code(
      '2.3',
      'within 12 months of the issue occurring or the resident becoming aware of the issue',
    ),
  },
  exclusions: [
    {
      code: 'outside-time-limit',
      label:
        'The issue arose more than 12 months ago (or the resident became aware of it more than 12 months ago)',
      ground: 'outside-time-limit',
      cite: code('2.2'),
    },
    {
      code: 'legal-proceedings',
      label:
        'Legal proceedings have started (a Claim Form and Particulars of Claim filed at court)',
      ground: 'legal-proceedings',
      cite: code('2.2'),
    },
    {
      code: 'previously-considered',
      label:
        'The matter has previously been considered under the complaints policy',
      ground: 'previously-considered',
      cite: code('2.2'),
    },
  ],
  stage1: {
    name: 'Stage 1',
    acknowledge: {
      workingDays: 5,
      from: 'receipt',
      cite: code(
        '6.2',
        'within five working days of the complaint being received',
      ),
    },
    respond: {
      workingDays: 10,
      from: 'acknowledgement',
      cite: code(
        '6.3',
        'within 10 working days of the complaint being acknowledged',
      ),
    },
    extension: {
      maxWorkingDays: 10,
      noticeBeforeDue: true,
      ombudsmanDetailsInNotice: true,
      goodReasonOverride: true,
      cite: code(
        '6.4–6.5',
        'must not exceed a further 10 working days without good reason',
      ),
    },
    handler: {
      description: 'A complaint handler with the authority to resolve it',
      mustDifferFromStage1: false,
      cite: code('4.1–4.2'),
    },
  },
  stage2: {
    name: 'Stage 2',
    acknowledge: {
      workingDays: 5,
      from: 'receipt',
      cite: code(
        '6.11',
        'within five working days of the escalation request being received',
      ),
    },
    respond: {
      workingDays: 20,
      from: 'acknowledgement',
      cite: code(
        '6.14',
        'within 20 working days of the complaint being acknowledged',
      ),
    },
    extension: {
      maxWorkingDays: 20,
      noticeBeforeDue: true,
      ombudsmanDetailsInNotice: true,
      goodReasonOverride: true,
      cite: code(
        '6.15–6.16',
        'must not exceed a further 20 working days without good reason',
      ),
    },
    handler: {
      description: 'A person who did not consider the complaint at stage 1',
      mustDifferFromStage1: true,
      cite: code('6.13'),
    },
  },
  escalation: {
    window: null,
    reasonsRequired: false,
    acceptedGrounds: 'any',
    refusalGrounds: [
      {
        code: 'outside-time-limit',
        label: 'The matter is outside the time limit to complain',
        exclusion: 'outside-time-limit',
        cite: code('5.11 (C), 2.2'),
      },
      {
        code: 'legal-proceedings',
        label: 'Legal proceedings have started',
        exclusion: 'legal-proceedings',
        cite: code('5.11 (C), 2.2'),
      },
      {
        code: 'previously-considered',
        label: 'The matter has already exhausted the complaints process',
        exclusion: 'previously-considered',
        cite: code('5.11 (C), 2.2'),
      },
    ],
    cite: code(
      '6.12',
      'residents must not be required to explain their reasons',
    ),
  },
  contact: {
    attempts: null,
    updateIntervalWorkingDays: null,
    representativesAllowed: true,
    representativeConsentRequired: true,
    anonymousMayBeDeclined: false,
    cite: code('1.3, 3.6 (C), 5.9 (C)'),
  },
  closure: {
    autoCloseAfterNoContact: null,
    cite: code('6.6', 'respond when the answer is known'),
  },
  remedies: {
    guidance:
      "Remedies reflect the impact of the failure (7.2), say what will happen and by when (7.3) and follow the Ombudsman's remedies guidance (7.4).",
    offsetAgainstArrears: false,
    cite: code('7.1–7.4'),
  },
  ombudsman: {
    evidenceWorkingDays: 15,
    designatedPerson: false,
    waitWeeks: null,
    cite: {
      source: 'Housing Ombudsman Scheme',
      ref: '¶9b, ¶10 (15 WD is a landlord default, REGULATION item 70)',
    },
  },
  restrictions: {
    reasonsEvidenced: true,
    reviewed: true,
    equalityActRegard: true,
    cite: code('5.14–5.15'),
  },
  governance: {
    memberResponsibleForComplaints: true,
    boardReportingMonths: 3,
    annualReport: true,
    cite: code('8.1, 9.5, 9.7'),
  },
  channels: ['web', 'email', 'phone', 'in-person', 'letter', 'social-media'],
  retention: codeDefaultRetention,
};
