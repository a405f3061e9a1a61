import type { Policy } from '../policy.js';
import { citer } from './cite.js';
import { landlordRetention } from './retention.js';

const SOURCE = 'Livv Housing Group Complaints Policy 2018–2021 (v7)';

const { cite: livv, entryOf } = citer(SOURCE);

/** An entry of §3's list of matters "not classed as formal complaints". */
const excluded = entryOf(
  '§3 Policy detail, list of matters not classed as formal complaints',
);

/**
 * Livv Housing Group's Complaints Policy 2018–2021 (version 7), as written.
 * It predates the 2024 Code: informal first-contact resolution before
 * stage 1, "Fix in Five" inside a 15-working-day stage 1, a panel meeting
 * at stage 2, escalation only with reasons, a designated person and an
 * eight-week wait. Each is kept as data so the policy runs as written and
 * the lint can show where it departs.
 *
 * Readings (where the text allows more than one):
 * - stage 1: the complaints team "will contact the complainant within one
 *   working day … to establish how the customer wants the complaint to be
 *   resolved" is the acknowledgement and definition (5.6); the complaint is
 *   "then" passed to the manager, whose 15 working days (and five for Fix
 *   in Five) run from that hand-over, so from the acknowledgement;
 * - stage 2: the meeting "within 15 working days" is read from the
 *   escalation, like the three-day acknowledgement before it;
 * - the 14-day auto-close after stage 1 is in calendar days (the stage 2
 *   one says "14 working days"; the single closure rule keeps stage 1's,
 *   which is the one that meets the escalation window).
 */
export const livv2018: Policy = {
  id: 'livv-2018',
  version: 'v7',
  landlord: 'Livv Housing Group',
  title: 'Complaints Policy 2018–2021',
  source: livv(
    'Document control: version 7, approved October 2018, review October 2021',
  ),
  // Knowsley (§7): England.
  nation: 'england-and-wales',
  closureDays: [],
  definition: {
    text: 'an expression of dissatisfaction with a standard of service, action or lack of action from ourselves where a response is required',
    cite: livv('§3 Policy detail ¶1'),
  },
  timeLimit: {
    months: 12,
    from: 'issue',
    discretion: false,
    exceptions: [],
    cite: livv(
      '§3 Policy detail ("Complaints regarding incidents that occurred over 12 months ago"); version 5 note',
      'we do not accept complaints older than 12 months',
    ),
  },
  exclusions: [
    excluded(
      'neighbour-dispute',
      'Reporting a neighbour dispute',
      'service-request',
    ),
    excluded('repair', 'Initial reporting of a repair', 'service-request'),
    excluded(
      'service-request',
      'Initial request for service',
      'service-request',
    ),
    excluded(
      'support-request',
      'Initial requests for support on accessing services',
      'service-request',
    ),
    excluded(
      'information-request',
      'Initial requests for information or an explanation of a policy or procedure',
      'service-request',
    ),
    excluded(
      'elected-member-enquiry',
      'MP or Councillor enquiries unless they specify it is a formal complaint',
      'other',
    ),
    excluded(
      'asb-report',
      'Reports of Anti-Social Behaviour or vandalism',
      'service-request',
    ),
    excluded('rent-arrears', 'Rent arrears pursuance', 'other'),
    excluded(
      'rent-waiver-request',
      'Requests to waiver rent following termination of tenancy or notice given',
      'service-request',
    ),
    excluded(
      'contractual-dispute',
      'Contractual disputes that have escalation procedures written in the contract',
      'other',
    ),
    excluded(
      'legal-proceedings',
      'Complaints where legal action is already instigated and where a court or tribunal will decide the outcome',
      'legal-proceedings',
    ),
    excluded(
      'rent-service-charge-dispute',
      'Disputes concerning calculation or apportionment of rent or service charge increases',
      'other',
    ),
    excluded(
      'previously-considered',
      'Any issues that have already been dealt with through Livv Housing Group’s complaint process',
      'previously-considered',
    ),
    excluded(
      'ombudsman-determined',
      'Any issues that the Housing Ombudsman has made a determination on',
      'previously-considered',
    ),
    excluded(
      'government-policy',
      'Any issues relating to Government policy and legislation',
      'other',
    ),
    excluded(
      'property-access',
      'Gaining access to a Livv Housing Group property for gas safety checks or tenancy visits',
      'other',
    ),
    excluded('insurance-claim', 'Home content insurance claims', 'other'),
    excluded(
      'outside-time-limit',
      'Complaints regarding incidents that occurred over 12 months ago',
      'outside-time-limit',
    ),
  ],
  informalStage: {
    name: 'First point of contact (informal)',
    targetWorkingDays: null,
    description:
      'Dissatisfaction is handled informally at first point of contact; a formal (stage 1) complaint is logged only if that does not resolve it.',
    cite: livv(
      '§3 Policy detail ¶4–5; §2 "Responsiveness"',
      'We will aim to handle all expressions of dissatisfaction at first point of contact and informally.',
    ),
  },
  stage1: {
    name: 'Stage 1 – Investigation',
    acknowledge: {
      workingDays: 1,
      from: 'receipt',
      cite: livv(
        '§5 Stage 1 ¶1',
        'will contact the complainant within one working day to gain any further information and establish how the customer wants the complaint to be resolved',
      ),
    },
    respond: {
      workingDays: 15,
      from: 'acknowledgement',
      cite: livv(
        '§5 Stage 1 ¶2',
        'The manager will then have a total of 15 working days to try and resolve the issue.',
      ),
    },
    earlyResolution: {
      workingDays: 5,
      from: 'acknowledgement',
      cite: livv(
        '§5 Fix in Five ¶1 (no written response unless requested)',
        'On receipt of the complaint the manager will contact the customer within five working days with the aim of finding an early resolution to the matter.',
      ),
    },
    extension: {
      maxWorkingDays: null,
      noticeBeforeDue: true,
      ombudsmanDetailsInNotice: false,
      goodReasonOverride: false,
      cite: livv(
        '§5 Fix in Five ¶2 (no cap; Ombudsman details not mentioned)',
        'If the response is likely to take longer than 15 days the customer will be advised.',
      ),
    },
    handler: {
      description: 'The manager of the relevant service',
      mustDifferFromStage1: false,
      cite: livv(
        '§5 Stage 1 ¶2',
        'The complaint will then be passed to the manager of the relevant service for investigation.',
      ),
    },
  },
  stage2: {
    name: 'Stage 2 – Review by a Panel',
    acknowledge: {
      workingDays: 3,
      from: 'receipt',
      cite: livv(
        '§5 Stage 2 ¶1',
        'The complainant will be contacted within three working days from when the escalation is received to acknowledge the escalation and to confirm whether it has been accepted.',
      ),
    },
    meeting: {
      workingDays: 15,
      from: 'receipt',
      cite: livv(
        '§5 Stage 2 ¶2',
        'We will aim to hold the review meeting within 15 working days or at the soonest mutually convenient time.',
      ),
    },
    respond: {
      workingDays: 10,
      from: 'meeting',
      cite: livv(
        '§5 Stage 2 ¶7',
        "The Panel will aim to contact the complainant in the customer's preferred correspondence method within 10 working days of the review advising them of the outcome.",
      ),
    },
    extension: {
      maxWorkingDays: null,
      noticeBeforeDue: false,
      ombudsmanDetailsInNotice: false,
      goodReasonOverride: false,
      cite: livv(
        '§5 Stage 2 ¶2 (the meeting may slip without limit; no notice or Ombudsman details mentioned)',
        'or at the soonest mutually convenient time',
      ),
    },
    handler: {
      description:
        'A panel of three employees: the director for the service, a service manager and a manager from another service',
      mustDifferFromStage1: false,
      cite: livv(
        '§5 Stage 2 ¶3 (nothing keeps the stage 1 manager off the panel)',
        'The Panel will consist of three employees - the director for the service, a service manager and a manager from another service.',
      ),
    },
  },
  escalation: {
    window: {
      days: 14,
      unit: 'calendar-days',
      cite: livv(
        '§5 Fix in Five ¶3',
        'they have 14 calendar days in which to contact us to escalate their complaint to stage two',
      ),
    },
    reasonsRequired: true,
    acceptedGrounds: 'reasons-or-new-information',
    refusalGrounds: [
      {
        code: 'policy-followed',
        label:
          'We can demonstrate that we followed policy or legal requirements',
        exclusion: null,
        cite: livv(
          '§5 Fix in Five ¶5',
          'Request for escalation may be refused if we can demonstrate that they have followed policy or legal requirements.',
        ),
      },
    ],
    cite: livv(
      '§5 Fix in Five ¶4: specific reasons, or additional information not previously considered',
      'A request for escalation will only be considered if',
    ),
  },
  contact: {
    attempts: null,
    updateIntervalWorkingDays: null,
    representativesAllowed: true,
    representativeConsentRequired: true,
    anonymousMayBeDeclined: false,
    cite: livv(
      '§4 Implementation ¶1–3',
      'Where the complaint is received via a representative permission for them to act on their behalf will be sought from the complainant.',
    ),
  },
  closure: {
    autoCloseAfterNoContact: {
      days: 14,
      unit: 'calendar-days',
      cite: livv(
        '§5 Fix in Five ¶6 (after stage 2: "closed after 14 working days")',
        'If there is no contact from the customer the case will be closed after 14 days except in specific circumstances such as if a complainant is on holiday or is in hospital.',
      ),
    },
    cite: livv('§5 Fix in Five ¶6; §5 Stage 2 ¶8'),
  },
  remedies: {
    guidance:
      'An apology and corrective service at any stage; financial redress (reimbursement for loss and damage, compensation for service failure) for actual monetary loss, considerable delay or considerable distress or inconvenience.',
    offsetAgainstArrears: true,
    cite: livv(
      '§12 Apologies and compensation',
      'If a customer is in rent arrears compensation will be paid to their rent account.',
    ),
  },
  ombudsman: {
    evidenceWorkingDays: 15,
    designatedPerson: true,
    waitWeeks: 8,
    cite: livv(
      '§7 Designated Person and Housing Ombudsman (evidence period: silent — Code default, REGULATION item 70)',
      "If the customer does not want to utilise the 'designated person' they must wait eight weeks following completion of Livv Housing Group's internal complaints process before approaching the Housing Ombudsman Service with their complaint.",
    ),
  },
  restrictions: {
    reasonsEvidenced: true,
    reviewed: false,
    equalityActRegard: true,
    cite: livv(
      '§13 Unreasonable or aggressive and abusive complainants (reasons given to the complainant; needs and vulnerabilities considered; no review of restrictions)',
      'It also takes into account any needs or vulnerabilities that the complainant may have that will affect the ways with which they communicate with us.',
    ),
  },
  governance: {
    memberResponsibleForComplaints: false,
    boardReportingMonths: null,
    annualReport: true,
    cite: livv(
      '§14 Reporting ("Findings of complaints will be published on Livv Housing Group’s website every six months"); §16 Responsibility; §18 Monitoring and review (no interval, no MRC)',
      'These indicators are reported to Livv Housing Group’s Board and the QulP',
    ),
  },
  // §4: phone, in person, 'Let Us Know' leaflet, letter, website, e-mail,
  // live chat. No social media.
  channels: ['phone', 'in-person', 'letter', 'web', 'email'],
  retention: landlordRetention(SOURCE),
};
