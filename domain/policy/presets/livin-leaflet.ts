import type { Policy } from '../policy.js';
import { citer } from './cite.js';
import { code2024 } from './code-2024.js';
import { landlordRetention } from './retention.js';

const SOURCE = 'livin, "Our Complaints Procedure" leaflet (undated)';

const { cite: leaflet, silent, entryOf } = citer(SOURCE);

/** An entry of "What is not a complaint?". */
const excluded = entryOf('"What is not a complaint?"');

/**
 * livin's resident leaflet "Our Complaints Procedure". A leaflet, not the
 * full policy: where it is silent (the definition, governance, remedies,
 * restrictions) the Code's default is used and cited as silent.
 *
 * Readings:
 * - informal (4 working days) comes first; stage 1 is an escalation from
 *   it "if this is considered valid";
 * - stage 1 "visit you to resolve … within 10 working days" is the
 *   response, read from receipt, with written updates every 10 working
 *   days and no cap on how long it runs;
 * - stage 2: the Customer Service Manager "will review your request within
 *   10 working days" is the first answer the resident gets, so it is the
 *   stage 2 acknowledgement; the manager's findings follow "within 10
 *   working days" of that decision;
 * - escalation needs reasons, and only "not handled in accordance with
 *   procedure" counts: "We will not escalate your complaint if you simply
 *   do not agree with the stage 1 decision";
 * - "Something which happened or which the customer knew of more than six
 *   months before" names the awareness date, so the six months run from
 *   either; "is not any of the following" leaves no discretion.
 */
export const livinLeaflet: Policy = {
  id: 'livin-leaflet',
  version: 'undated',
  landlord: 'livin',
  title: 'Our Complaints Procedure',
  source: leaflet('Title', 'Our Complaints Procedure'),
  nation: 'england-and-wales',
  closureDays: [],
  definition: {
    text: code2024.definition.text,
    cite: silent('1.2: the leaflet lists only what is not a complaint'),
  },
  timeLimit: {
    months: 6,
    from: 'issue-or-awareness',
    discretion: false,
    exceptions: [],
    cite: leaflet(
      '"What is not a complaint?"',
      'Something which happened or which the customer knew of more than six months before contacting livin',
    ),
  },
  exclusions: [
    excluded(
      'service-request',
      'A request for service (for example, reporting a repair)',
      'service-request',
    ),
    excluded(
      'information-request',
      "A request for information, or explanation of livin' policies",
      'service-request',
    ),
    excluded(
      'right-of-appeal',
      'Any matter for which there is a right of appeal or redress',
      'other',
    ),
    excluded(
      'outside-time-limit',
      'Something which happened or which the customer knew of more than six months before contacting livin',
      'outside-time-limit',
    ),
    excluded(
      'asb',
      "A complaint relating to antisocial behaviour (ASB), which would normally be dealt with under livin' ASB policy",
      'other',
    ),
    excluded(
      'legal-proceedings',
      'An issue that is currently subject to legal proceedings',
      'legal-proceedings',
    ),
  ],
  informalStage: {
    name: 'Informal',
    targetWorkingDays: 4,
    description:
      'Issues are dealt with at the first point of contact; the resident may then ask to escalate to stage 1, which happens only "if this is considered valid".',
    cite: leaflet(
      'Standard Complaint stages: Informal; Stage 1',
      'In accordance with our guidelines we aim to deal with informal complaints within 4 working days.',
    ),
  },
  stage1: {
    name: 'Stage 1',
    acknowledge: {
      workingDays: 2,
      from: 'receipt',
      cite: leaflet(
        'What happens next? Stage 1',
        'We will acknowledge receipt of your complaint within two working days.',
      ),
    },
    respond: {
      workingDays: 10,
      from: 'receipt',
      cite: leaflet(
        'What happens next? Stage 1',
        'We will aim to visit you to resolve Stage 1 complaints within 10 working days.',
      ),
    },
    extension: {
      maxWorkingDays: null,
      noticeBeforeDue: true,
      ombudsmanDetailsInNotice: false,
      goodReasonOverride: false,
      cite: leaflet(
        'What happens next? Stage 1 (no cap; Ombudsman details not mentioned)',
        'If the investigation will take longer than this, we will update you in writing every 10 working days.',
      ),
    },
    updateIntervalWorkingDays: 10,
    handler: {
      description: 'An alternative investigating officer',
      mustDifferFromStage1: false,
      cite: leaflet(
        'Standard Complaint stages: Stage 1',
        'If this is considered valid this will then be reviewed by an alternative investigating officer.',
      ),
    },
  },
  stage2: {
    name: 'Stage 2',
    acknowledge: {
      workingDays: 10,
      from: 'receipt',
      cite: leaflet(
        'What happens next? Stage 2',
        'The Customer Service Manager will review your request within 10 working days and if your reasons are not considered valid we will write to you and let you know.',
      ),
    },
    respond: {
      workingDays: 10,
      from: 'acknowledgement',
      cite: leaflet(
        'What happens next? Stage 2',
        'They will visit you to investigate your complaint and aim to contact you with their findings within 10 working days.',
      ),
    },
    extension: {
      maxWorkingDays: null,
      noticeBeforeDue: true,
      ombudsmanDetailsInNotice: false,
      goodReasonOverride: false,
      cite: leaflet(
        'What happens next? Stage 2 (no cap; Ombudsman details not mentioned)',
        'If the investigation will take longer than this, we will update you in writing every 10 working days.',
      ),
    },
    updateIntervalWorkingDays: 10,
    handler: {
      description:
        'A manager working in a service area unrelated to the one complained about',
      mustDifferFromStage1: true,
      cite: leaflet(
        'What happens next? Stage 2',
        'If your reasons are considered valid your complaint will be passed to one of our managers working in a service area unrelated to the one you are complaining about.',
      ),
    },
  },
  escalation: {
    window: {
      days: 14,
      unit: 'calendar-days',
      cite: leaflet(
        'What happens next? Stage 1',
        'you must do this within 14 calendar days of the date on your Stage 1 closing letter',
      ),
    },
    reasonsRequired: true,
    acceptedGrounds: 'procedure-not-followed',
    refusalGrounds: [
      {
        code: 'handled-per-policy',
        label:
          'The complaint was handled in accordance with the Customer Feedback Policy (the resident simply does not agree with the stage 1 decision)',
        exclusion: null,
        cite: leaflet(
          'What happens next? Stage 1, "Please note"',
          'We will not escalate your complaint if you simply do not agree with the stage 1 decision.',
        ),
      },
    ],
    cite: leaflet(
      'What happens next? Stage 2',
      'We will ask you why you think that your complaint has not been handled in accordance with procedure and for any other information to support your request.',
    ),
  },
  contact: {
    attempts: null,
    updateIntervalWorkingDays: 10,
    representativesAllowed: true,
    representativeConsentRequired: true,
    anonymousMayBeDeclined: true,
    cite: leaflet(
      'Anonymous complaints; What happens next? (updates every 10 working days; representatives silent — Code default)',
      'We reserve the right not to investigate anonymous complaints where it is clear that a full investigation is not practicable or the grounds of the complaint are not within our remit.',
    ),
  },
  closure: { autoCloseAfterNoContact: null, cite: silent('6.6') },
  remedies: { ...code2024.remedies, cite: silent('7.1–7.4') },
  ombudsman: {
    evidenceWorkingDays: 15,
    designatedPerson: true,
    waitWeeks: 8,
    cite: leaflet(
      'Designated person; Housing Ombudsman Service (evidence period: silent — Code default, REGULATION item 70)',
      "However, you must wait for a period of eight weeks after the complaint has been formally closed at Stage 2 of livin's procedure.",
    ),
  },
  restrictions: { ...code2024.restrictions, cite: silent('5.14–5.15') },
  governance: { ...code2024.governance, cite: silent('8.1, 9.5, 9.7') },
  channels: code2024.channels,
  retention: landlordRetention(SOURCE),
};
