import type { ExclusionGround, Policy, RefusalGround } from '../policy.js';
import { citer } from './cite.js';
import { code2024 } from './code-2024.js';
import { landlordRetention } from './retention.js';

const SOURCE = 'LHP Complaints Policy 2022–2024 (v3)';

const { cite: lhp, silent, entryOf } = citer(SOURCE);

/** An instance para 13 says "will not be treated as a complaint". */
const excluded = entryOf('para 13');

/** One of para 29's criteria for not escalating a complaint. */
const refusal = (
  code: string,
  label: string,
  exclusion: ExclusionGround | null,
): RefusalGround => ({ code, label, exclusion, cite: lhp('para 29', label) });

/**
 * LHP's Complaints Policy 2022–2024 (version 3), written to the 2020 Code.
 *
 * Readings:
 * - stage 1 is answered "in 10 working days from the date of the original
 *   complaint" (stricter than the Code's 10 after the acknowledgement);
 * - para 21's stage 2 "respond in full in 20 working days" follows para
 *   20's request to escalate, so it counts from the escalation request,
 *   and "a further 10 working days" runs past that due date; the policy
 *   states no stage 2 acknowledgement, so that clock is the Code default;
 * - nothing says the stage 2 reviewer differs from the stage 1 handler
 *   (para 27 leaves "who will undertake the review" open);
 * - para 29's refusal criteria are mapped to the para 13 exclusions where
 *   one fits ("not within the remit of the complaints policy" is the para
 *   13 list itself; "a final response has been provided" is the
 *   exhausted-process exclusion); the rest rest on none. Subsidiary issues
 *   are "addressed as a new complaint" (as the Code also asks), but the
 *   same criterion lets escalation be refused when "the basis of the
 *   complaint has changed", which no exclusion covers;
 * - "Where the issue giving rise to a complaint occurred over six months
 *   ago" counts from the issue; para 49's discretion log is read as
 *   discretion over older complaints;
 * - restrictions on contact are left to a separate policy (paras 50–51,
 *   the Limited Contact Policy, not among the seeds): the Code default is
 *   assumed and cited as such.
 */
export const lhp2022: Policy = {
  id: 'lhp-2022',
  version: 'v3 (November 2022)',
  landlord: 'LHP',
  title: 'Complaints Policy 2022–2024',
  source: lhp(
    'Document control: V3 November 2022, approved by the Operations Committee on 07 February 2023',
  ),
  nation: 'england-and-wales',
  closureDays: [],
  definition: {
    text: 'an expression of dissatisfaction, however made, about the standard of service, actions or lack of action by LHP, its colleagues or those acting on behalf of LHP, affecting an individual resident or customer or group of residents or customers',
    cite: lhp('para 10'),
  },
  timeLimit: {
    months: 6,
    from: 'issue',
    discretion: true,
    exceptions: ['safeguarding', 'health and safety'],
    cite: lhp(
      'para 13, first entry; para 49 (discretion log)',
      'Where the issue giving rise to a complaint occurred over six months ago',
    ),
  },
  exclusions: [
    excluded(
      'outside-time-limit',
      'The issue giving rise to the complaint occurred over six months ago (not for safeguarding or health and safety)',
      'outside-time-limit',
      'This exclusion of over six months would not apply where the complaint concerns safeguarding or health and safety issues.',
    ),
    excluded(
      'legal-proceedings',
      'Legal proceedings have been started',
      'legal-proceedings',
      'Where legal proceedings have been started.',
    ),
    excluded(
      'insurance-claim',
      'Liability issues that are subject to an insurance claim',
      'other',
      'Liability issues that are subject to an insurance claim',
    ),
    excluded(
      'compensation-claim',
      'Claims for compensation (handled under the Compensation for Service Failure Policy)',
      'other',
      'Claims for compensation as these are addressed through the Compensation for Service Failure Policy',
    ),
    excluded(
      'previously-considered',
      'The complaint has already been investigated, responded to and has exhausted the process',
      'previously-considered',
      'Where a complaint has already previously been investigated and responded to and has exhausted the process.',
    ),
  ],
  stage1: {
    name: 'Stage 1',
    acknowledge: {
      workingDays: 5,
      from: 'receipt',
      cite: lhp(
        'paras 15–16',
        'We will also contact the complainant to ensure that we understand the complaint and clarify the outcomes being sought. This will be undertaken in five working days.',
      ),
    },
    respond: {
      workingDays: 10,
      from: 'original-complaint',
      cite: lhp(
        'para 17',
        'respond with the stage 1 decision in 10 working days from the date of the original complaint',
      ),
    },
    extension: {
      maxWorkingDays: 10,
      noticeBeforeDue: true,
      ombudsmanDetailsInNotice: true,
      goodReasonOverride: false,
      cite: lhp(
        'paras 17–18; para 23 (Ombudsman details "in all correspondence")',
        'we will explain why to the complainant and advise the date that a full response will be received which will be no longer than a further 10 working days',
      ),
    },
    handler: {
      description: 'The Customer Experience Team',
      mustDifferFromStage1: false,
      cite: lhp(
        'paras 45, 47',
        "LHP's Customer Experience Team will endeavour to resolve a complaint at the earliest opportunity",
      ),
    },
  },
  stage2: {
    name: 'Stage 2',
    acknowledge: {
      ...code2024.stage2.acknowledge,
      cite: silent('6.11', 'paras 20–21 state no acknowledgement'),
    },
    respond: {
      workingDays: 20,
      from: 'receipt',
      cite: lhp(
        'paras 20–21 (counted from the request to escalate)',
        'LHP will respond in full in 20 working days.',
      ),
    },
    extension: {
      maxWorkingDays: 10,
      noticeBeforeDue: true,
      ombudsmanDetailsInNotice: true,
      goodReasonOverride: false,
      cite: lhp(
        'para 21; para 23 (Ombudsman details "in all correspondence")',
        'Should this not be possible, we will explain why and advise the date that a full response will be received which will be no longer than a further 10 working days.',
      ),
    },
    handler: {
      description: 'A reviewer chosen when the complaint is escalated',
      mustDifferFromStage1: false,
      cite: lhp(
        'para 27 (no requirement that the reviewer differs from the stage 1 handler)',
        'who will undertake the review',
      ),
    },
  },
  escalation: {
    window: null,
    reasonsRequired: false,
    acceptedGrounds: 'any',
    refusalGrounds: [
      refusal(
        'refused-to-engage',
        "The complainant has refused to reasonably engage with the complaint's investigation process or with the service complained about.",
        null,
      ),
      refusal(
        'outside-remit',
        'The issues raised do not fall within the remit of the complaints policy',
        'other',
      ),
      refusal(
        'outside-power',
        "The issues raised are not within LHP's power to investigate, change or influence",
        null,
      ),
      refusal(
        'basis-changed',
        'The basis of the complaint has changed or there are subsidiary issues subsequently raised which are not part of the initial complaint. Subsidiary issues will be addressed as a new complaint',
        null,
      ),
      refusal(
        'evidence-not-accepted',
        "A complainant's refusal to accept documented evidence as factual",
        null,
      ),
      refusal(
        'final-response-given',
        'That a final response has been provided',
        'previously-considered',
      ),
    ],
    cite: lhp(
      'paras 20, 26–28 (no escalation window stated)',
      "LHP will not unreasonably refuse to escalate a complaint through the stages of the complaint's procedure.",
    ),
  },
  contact: {
    attempts: null,
    updateIntervalWorkingDays: null,
    representativesAllowed: true,
    representativeConsentRequired: true,
    anonymousMayBeDeclined: true,
    cite: lhp(
      'para 13 (anonymous complaints); para 39 (updates, no interval); para 42 (representatives, with permission)',
      'Where it is clear that a thorough investigation into the complaint is not possible or where we have no details of the complainant and are therefore unable to respond, we reserve the right not to investigate.',
    ),
  },
  closure: {
    autoCloseAfterNoContact: null,
    cite: silent('6.6'),
  },
  remedies: {
    guidance:
      'Acknowledge, explain and apologise; act on delay; reconsider or change a decision; amend a record; a financial remedy or services; change policies, procedures or practices; train colleagues. Remedies reflect the service failure and detriment, are agreed with the customer, logged and tracked to completion.',
    offsetAgainstArrears: false,
    cite: lhp(
      'paras 55–59',
      'Agreed remedies will be logged on the performance management system and tracked to completion.',
    ),
  },
  ombudsman: {
    evidenceWorkingDays: 15,
    designatedPerson: false,
    waitWeeks: null,
    cite: lhp(
      'paras 24, 61–63',
      'LHP will co-operate with the HO requests for evidence and provide this within 15 working days.',
    ),
  },
  restrictions: {
    ...code2024.restrictions,
    cite: lhp(
      'paras 50–51: a separate policy (not among the seeds) — Code default (5.14–5.15)',
      'has therefore produced a separate policy',
    ),
  },
  governance: {
    memberResponsibleForComplaints: false,
    boardReportingMonths: null,
    annualReport: true,
    cite: lhp(
      'para 3 and para 68 (Board reports with no interval; no Member Responsible for Complaints); para 66 (learning and improvements in the annual report)',
      'Monitor and report performance of the complaints service to our colleagues and Board of Directors',
    ),
  },
  // Paras 5 and 33: "all our access channels in any format".
  channels: ['web', 'email', 'phone', 'in-person', 'letter', 'social-media'],
  retention: landlordRetention(SOURCE),
};
