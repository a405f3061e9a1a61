import type { Policy } from '../policy.js';
import { citer } from './cite.js';
import { code2024 } from './code-2024.js';
import { landlordRetention } from './retention.js';

const SOURCE =
  'Livin, Housing Ombudsman Complaint Handling Code self-assessment form (2020)';

const { cite: livin, silent, entryOf } = citer(SOURCE);

/** An entry of the exclusions list in the form's §1. */
const excluded = entryOf(
  '§1 "Does the policy have exclusions where a complaint will not be considered?"',
);

/**
 * Livin's 2020 self-assessment against the (2020) Complaint Handling Code.
 * It is a form, not a policy: what it states is taken as stated, and
 * everything it does not ask about is the 2024 Code's default, cited as
 * silent.
 *
 * What it states that a reader might miss:
 * - most complaints are resolved "Informal" before stage 1 (95.2 % in
 *   2019/20): an informal stage, with no stated target;
 * - its one refusal to escalate rested on the complaint having been upheld
 *   with compensation, and on the resident giving no evidence that policy
 *   was not followed or new information: reasons are required for stage 2;
 * - the definition is the 2020 Code's ("by the organisation … affecting an
 *   individual resident"), which the 2024 Code reworded;
 * - "Something which happened, or which the customer knew of, more than six
 *   months before" names the awareness date, so the six months run from
 *   the issue or from awareness (read literally the second limb would add
 *   nothing); "will not consider" leaves no discretion.
 */
export const livin2020: Policy = {
  id: 'livin-2020',
  version: '2020',
  landlord: 'Livin',
  title: 'Housing Ombudsman Complaint Handling Code: self-assessment (2020)',
  source: livin(
    'Form title',
    'Housing Ombudsman Complaint Handling Code: Self-assessment form',
  ),
  // Durham (§1: "Durham Key Options"): England.
  nation: 'england-and-wales',
  closureDays: [],
  definition: {
    text: 'An expression of dissatisfaction, however made, about the standard of service, actions or lack of action by the organisation, its own staff, or those acting on its behalf, affecting an individual resident or group of residents.',
    cite: livin(
      '§1 "Does the complaints process use the following definition of a complaint?"',
      'Yes Proposed policy has been amended to incorporate.',
    ),
  },
  timeLimit: {
    months: 6,
    from: 'issue-or-awareness',
    discretion: false,
    exceptions: [],
    cite: livin(
      '§1 exclusions ("Living will not consider any of the following as a complaint")',
      'Something which happened, or which the customer knew of, more than six months before contacting Living',
    ),
  },
  exclusions: [
    excluded(
      'service-request',
      'A request for a service (for example, reporting a repair)',
      'service-request',
    ),
    excluded(
      'information-request',
      "A request for information, or an explanation of Living's policies",
      'service-request',
    ),
    excluded(
      'outside-time-limit',
      'Something which happened, or which the customer knew of, more than six months before contacting Living',
      'outside-time-limit',
    ),
    excluded(
      'alternative-redress',
      'Any matter for which there is an alternative right of appeal or redress',
      'other',
    ),
    excluded(
      'legal-proceedings',
      'An issue that is currently subject to legal proceedings',
      'legal-proceedings',
    ),
    excluded(
      'neighbour-or-asb',
      'A complaint regarding a neighbour or anti-social behaviour',
      'other',
    ),
    excluded(
      'financial-advice',
      'A complaint regarding financial advice',
      'other',
    ),
    excluded(
      'lettings',
      'A complaint relating to Durham Key Options (Housing applications and lettings)',
      'other',
    ),
  ],
  informalStage: {
    name: 'Informal',
    targetWorkingDays: null,
    description:
      'Most dissatisfaction is resolved informally before a stage 1 complaint is logged (95.2 % of complaints in 2019/20); the form states no target.',
    cite: livin(
      '§3 "At what stage are most complaints resolved?"',
      '95.2% Informal/ 4.8% stage 1 (2019/20)',
    ),
  },
  stage1: {
    name: 'Stage 1',
    acknowledge: {
      workingDays: 2,
      from: 'receipt',
      cite: livin(
        '§4 "Are all complaints acknowledged and logged within five days?"',
        'Livin aims to acknowledge and log all complaints within two working days.',
      ),
    },
    respond: {
      ...code2024.stage1.respond,
      cite: livin(
        '§4 "What proportion of complaint responses are sent within Code timescales?" — Code default (6.3)',
      ),
    },
    extension: {
      ...code2024.stage1.extension,
      cite: livin(
        '§4 extension rows (cap and Ombudsman details silent — Code default, 6.4–6.5)',
        'Livin advises the complainant in writing of any delays to the complaint investigation and gives a date of when they can expect the complaint to be concluded and closed.',
      ),
    },
    handler: {
      description: 'A trained complaints investigator',
      mustDifferFromStage1: false,
      cite: livin(
        '§3 "Is there a complaint officer or equivalent in post?"',
        'there are trained complaints investigators throughout the organisation',
      ),
    },
  },
  stage2: {
    name: 'Stage 2 appeal',
    acknowledge: { ...code2024.stage2.acknowledge, cite: silent('6.11') },
    respond: { ...code2024.stage2.respond, cite: silent('6.14') },
    extension: { ...code2024.stage2.extension, cite: silent('6.15–6.16') },
    handler: { ...code2024.stage2.handler, cite: silent('6.13') },
  },
  escalation: {
    window: null,
    reasonsRequired: true,
    acceptedGrounds: 'reasons-or-new-information',
    refusalGrounds: [
      {
        code: 'upheld-and-remedied',
        label:
          'The complaint was upheld at stage 1 and compensation offered, and the resident gave no evidence that policy was not followed, nor new information',
        exclusion: null,
        cite: livin(
          '§6 "How many cases did we refuse to escalate?"',
          'Upheld at Stage 1 and compensation offered.',
        ),
      },
    ],
    cite: livin(
      '§6 "What was the reason for the refusal?" (escalation window silent)',
      'The complainant did not provide any evidence that policy had not been followed, that all elements of the complaint has not been investigated or any new evidence that warranted further investigation.',
    ),
  },
  contact: {
    attempts: null,
    updateIntervalWorkingDays: null,
    representativesAllowed: true,
    representativeConsentRequired: true,
    anonymousMayBeDeclined: false,
    cite: livin(
      '§6 "Are residents able to complain via a representative throughout?"; §4 updates with no interval (consent silent — Code default)',
      'Relative or friend • Support worker • County Councillor • Member of Parliament • Nominated advocate',
    ),
  },
  closure: { autoCloseAfterNoContact: null, cite: silent('6.6') },
  remedies: {
    guidance:
      'Things are put right where they have gone wrong; compensation is offered where a complaint is upheld; service improvements are recorded, monitored and reported monthly to heads of service.',
    offsetAgainstArrears: false,
    cite: livin(
      '§7 Outcomes and remedies',
      'Service improvements as a result of complaints are recorded and monitored by the Customer Feedback Team.',
    ),
  },
  ombudsman: {
    evidenceWorkingDays: 15,
    designatedPerson: true,
    waitWeeks: null,
    cite: livin(
      '§3 "Is any third stage optional for residents?"; §5 "Were all requests for evidence responded to within 15 days?" (waiting period not stated)',
      'No – designated person or HOS',
    ),
  },
  restrictions: {
    ...code2024.restrictions,
    cite: silent('5.14–5.15'),
  },
  governance: {
    memberResponsibleForComplaints: true,
    boardReportingMonths: 3,
    annualReport: true,
    cite: livin(
      '§8 "How do we share these lessons with b) the board … c) In the Annual Report?" (Member Responsible for Complaints silent — Code default, 9.5)',
      'quarterly performance updates to Board',
    ),
  },
  // §2: in person, telephone (and text), in writing, survey, feedback
  // form, email, website (live chat), the Livin App, social media.
  channels: ['in-person', 'phone', 'letter', 'email', 'web', 'social-media'],
  retention: landlordRetention(SOURCE),
};
