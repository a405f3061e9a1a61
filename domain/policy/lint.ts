import type {
  Citation,
  ClockStart,
  ExclusionGround,
  ExtensionRule,
  Policy,
  StagePolicy,
} from './policy.js';
import { code2024 } from './presets/code-2024.js';

/**
 * How far a policy departs from the 2024 Code.
 * - `breach`: the policy sets a value that contradicts a Code rule
 *   REGULATION.md tags V (or V-wording): a later clock, an extra stage,
 *   reasons demanded.
 * - `gap`: the policy is silent where the Code requires something (no cap,
 *   no Member Responsible for Complaints, a safeguard not promised), or it
 *   contradicts a rule tagged only C.
 * - `advisory`: allowed, but the Board must be able to justify it (an
 *   exclusion outside the Code's examples must be fair and reasonable, 2.2).
 *
 * Settings stricter than the Code (a shorter clock, a lower extension cap)
 * are not departures. Rules tagged U (the 15-working-day Ombudsman evidence
 * period, REGULATION item 70) are never reported.
 */
export type DepartureSeverity = 'breach' | 'gap' | 'advisory';

export interface Departure {
  /** Stable rule id, e.g. `informal-stage`. */
  readonly rule: string;
  /** REGULATION.md clause numbering, e.g. `5.2`. */
  readonly clause: string;
  readonly severity: DepartureSeverity;
  /** One plain line naming the policy's value and the Code's. */
  readonly explanation: string;
  /** The policy's own citation for the offending value. */
  readonly evidence?: Citation;
}

/** The Code's own values: the Code defaults preset is the reference. */
const CODE = code2024;

/**
 * Every departure of `policy` from the 2024 Code, ordered by clause.
 * Each rule reads only the policy's data, so the same rule applies to any
 * landlord.
 *
 * @example
 * lintPolicy(code2024); // []
 * lintPolicy(livv2018).find((d) => d.rule === 'informal-stage')?.clause; // '5.2'
 */
export function lintPolicy(policy: Policy): Departure[] {
  const found = RULES.flatMap((rule) => rule(policy));
  return found
    .map((departure, order) => ({ departure, order }))
    .sort(
      (a, b) =>
        compareClauses(a.departure.clause, b.departure.clause) ||
        a.order - b.order,
    )
    .map(({ departure }) => departure);
}

type Rule = (policy: Policy) => Departure[];

function departure(
  rule: string,
  clause: string,
  severity: DepartureSeverity,
  explanation: string,
  evidence: Citation,
): Departure {
  return { rule, clause, severity, explanation, evidence };
}

function compareClauses(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** A label quoted mid-sentence: without its closing full stop. */
function trimStop(label: string): string {
  return label.replace(/\.$/, '');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// ---------------------------------------------------------------- 1.2

/** Phrases of the Code's definition a Board member would miss if dropped. */
const DEFINITION_PHRASES = [
  'however made',
  'standard of service',
  'actions or lack of action',
  'its own staff',
  'acting on its behalf',
  'affecting a resident',
  'group of residents',
] as const;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The definition read with the landlord's own name for itself put back to
 * the Code's "the landlord" (and "our" to "its"), so that "by LHP, its own
 * staff" or "by us, our own staff" compares equal to the Code's wording.
 */
function asCodeWording(text: string, landlord: string): string {
  const names = [
    normalise(landlord),
    'the landlord',
    'the organisation',
    'the organization',
    'ourselves',
    'we',
    'us',
  ].filter((name) => name !== '');
  // Normalised names hold only letters, digits and spaces: no escaping.
  const pattern = new RegExp(`\\b(${names.join('|')})\\b`, 'g');
  return normalise(text)
    .replace(pattern, 'the landlord')
    .replace(/\bour\b/g, 'its');
}

/**
 * 1.2 (V): landlords are expected to use the Code's definition word for
 * word (HOS FAQ). Only the landlord's name for itself may differ.
 */
const CODE_WORDING = asCodeWording(CODE.definition.text, '');

const definitionRule: Rule = (p) => {
  const wording = asCodeWording(p.definition.text, p.landlord);
  if (wording === CODE_WORDING) return [];
  const missing = DEFINITION_PHRASES.filter(
    (phrase) => !wording.includes(phrase),
  );
  const lacks =
    missing.length === 0
      ? 'its wording differs from the Code'
      : `it lacks ${missing.map((m) => `"${m}"`).join(', ')}`;
  return [
    departure(
      'definition',
      '1.2',
      'breach',
      `The policy defines a complaint in its own words (${lacks}); the Code expects its definition of a complaint word for word.`,
      p.definition.cite,
    ),
  ];
};

// ---------------------------------------------------------------- 2.2

const CODE_EXAMPLES: readonly ExclusionGround[] = [
  'outside-time-limit',
  'legal-proceedings',
  'previously-considered',
  'service-request',
];

/**
 * 2.2 (V): exclusions must be listed and fair and reasonable. One advisory
 * per exclusion outside the Code's examples (and 1.4's service requests),
 * each with its own citation, so the Board can justify or drop each one.
 */
const exclusionRule: Rule = (p) =>
  p.exclusions
    .filter((e) => !CODE_EXAMPLES.includes(e.ground))
    .map((e) =>
      departure(
        'exclusion-other',
        '2.2',
        'advisory',
        `"${trimStop(e.label)}" is an exclusion outside the Code's examples (time limit, legal proceedings, previously considered, service requests); the Board must be satisfied it is fair and reasonable.`,
        e.cite,
      ),
    );

/** 2.2 (V): declining anonymous complaints is an exclusion of the policy's own. */
const anonymousRule: Rule = (p) =>
  p.contact.anonymousMayBeDeclined
    ? [
        departure(
          'anonymous-declined',
          '2.2',
          'advisory',
          "The policy may decline to investigate anonymous complaints, an exclusion outside the Code's examples; the Board must be satisfied it is fair and reasonable.",
          p.contact.cite,
        ),
      ]
    : [];

// ---------------------------------------------------------------- 2.3

/**
 * 2.3 (V): accept complaints made within 12 months of the issue or of the
 * resident becoming aware of it, with discretion for older ones.
 */
const timeLimitRule: Rule = (p) => {
  const t = p.timeLimit;
  const code = CODE.timeLimit;
  const short = t.months < code.months;
  const issueOnly = t.from === 'issue';
  if (!short && !issueOnly && t.discretion) return [];
  const from = issueOnly
    ? 'the issue only'
    : 'the issue or the resident becoming aware of it';
  const discretion = t.discretion
    ? ''
    : ', with no discretion for older complaints';
  return [
    departure(
      'time-limit',
      '2.3',
      'breach',
      `The policy accepts complaints within ${t.months} months of ${from}${discretion}; the Code accepts them within ${code.months} months of the issue or of the resident becoming aware of it, with discretion beyond.`,
      t.cite,
    ),
  ];
};

// ---------------------------------------------------------------- 5.x

/** 5.2 (V): no "stage 0" or informal stage; 5.3: never more than two stages. */
const informalStageRule: Rule = (p) => {
  const informal = p.informalStage;
  if (informal === undefined) return [];
  const target =
    informal.targetWorkingDays === null
      ? ''
      : `, ${informal.targetWorkingDays} working days`;
  return [
    departure(
      'informal-stage',
      '5.2',
      'breach',
      `The policy has an informal stage ("${informal.name}"${target}) before stage 1; the Code allows exactly two stages and no informal stage, so stage 1 starts when the resident first complains.`,
      informal.cite,
    ),
  ];
};

/**
 * The designated-person step (Localism Act 2011) and the eight-week wait
 * before the Ombudsman were abolished by the Building Safety Act 2022 from
 * 1 October 2023: a resident may go to the Ombudsman as soon as they have
 * the landlord's final response. REGULATION.md has no row for the statute,
 * so the finding is filed under 5.3 (V), where item 25 already flags the
 * "panel-plus-designated-person structure": a step the resident must pass
 * after stage 2 works as a third stage, which is "not acceptable under any
 * circumstances".
 */
const ombudsmanAccessRule: Rule = (p) => {
  const o = p.ombudsman;
  const wait = o.waitWeeks !== null && o.waitWeeks > 0;
  if (!o.designatedPerson && !wait) return [];
  const steps = [
    o.designatedPerson ? 'sends residents to a designated person' : '',
    wait ? `makes them wait ${o.waitWeeks} weeks` : '',
  ].filter((s) => s !== '');
  return [
    departure(
      'ombudsman-direct-access',
      '5.3',
      'breach',
      `The policy ${steps.join(' or ')} before the Ombudsman; since 1 October 2023 (Building Safety Act 2022) residents may go to the Ombudsman as soon as they have the final response.`,
      o.cite,
    ),
  ];
};

/**
 * 5.11 (C, REGULATION item 32): escalation may be refused only for reasons
 * that align with the section 2 exclusions. One gap per ground that rests
 * on none.
 */
const refusalGroundRule: Rule = (p) =>
  p.escalation.refusalGrounds
    .filter((g) => g.exclusion === null)
    .map((g) =>
      departure(
        'escalation-refusal-ground',
        '5.11',
        'gap',
        `Stage 2 may be refused because "${lowerFirst(trimStop(g.label))}", which rests on none of the section 2 exclusions; the Code allows a refusal to escalate only for reasons that match them.`,
        g.cite,
      ),
    );

/** 5.14 (V): restrictions on contact need evidenced reasons and regular review. */
const restrictionsRule: Rule = (p) => {
  const r = p.restrictions;
  const missing = [
    r.reasonsEvidenced ? '' : 'made for evidenced reasons',
    r.reviewed ? '' : 'kept under regular review',
  ].filter((m) => m !== '');
  if (missing.length === 0) return [];
  return [
    departure(
      'restrictions',
      '5.14',
      'gap',
      `The policy does not say that restrictions on a resident's contact are ${missing.join(' or ')}; the Code requires evidenced reasons and regular review.`,
      r.cite,
    ),
  ];
};

/** 5.15 (V): restrictions must be proportionate, with regard to the Equality Act 2010. */
const restrictionsEqualityRule: Rule = (p) =>
  p.restrictions.equalityActRegard
    ? []
    : [
        departure(
          'restrictions-equality',
          '5.15',
          'gap',
          'The policy does not say that restrictions on contact are proportionate and show regard for the Equality Act 2010; the Code requires it.',
          p.restrictions.cite,
        ),
      ];

// ---------------------------------------------------------------- 6.x

const FROM: Readonly<Record<ClockStart, string>> = {
  receipt: 'receipt',
  acknowledgement: 'the acknowledgement',
  'original-complaint': 'the original complaint',
  meeting: 'the review meeting',
};

/**
 * The latest a stage's response can fall, in working days after the
 * acknowledgement. The acknowledgement is never before receipt, so a clock
 * counted from receipt (or the original complaint) is at worst as long
 * after the acknowledgement as its own length: N ≤ Code is compliant, N >
 * Code can be late. A response timed from a meeting adds the meeting's
 * own clock.
 */
function worstCaseAfterAck(stage: StagePolicy): number {
  const meeting =
    stage.respond.from === 'meeting' ? (stage.meeting?.workingDays ?? 0) : 0;
  return meeting + stage.respond.workingDays;
}

function describeResponse(stage: StagePolicy): string {
  const r = stage.respond;
  if (r.from === 'meeting' && stage.meeting !== undefined) {
    const m = stage.meeting;
    return `${r.workingDays} working days after a review meeting held up to ${m.workingDays} working days after ${FROM[m.from]} (${worstCaseAfterAck(stage)} working days in all)`;
  }
  return `${r.workingDays} working days after ${FROM[r.from]}`;
}

const stageOf = (p: Policy, n: 1 | 2): StagePolicy =>
  n === 1 ? p.stage1 : p.stage2;

function acknowledgementRule(n: 1 | 2, clause: string): Rule {
  const code = stageOf(CODE, n).acknowledge.workingDays;
  const of = n === 1 ? 'receipt' : 'the escalation request';
  return (p) => {
    const ack = stageOf(p, n).acknowledge;
    if (ack.workingDays <= code) return [];
    return [
      departure(
        `stage${n}-acknowledgement`,
        clause,
        'breach',
        `Stage ${n} is acknowledged within ${ack.workingDays} working days of ${of}; the Code requires it within ${code} working days.`,
        ack.cite,
      ),
    ];
  };
}

function responseRule(n: 1 | 2, clause: string): Rule {
  const code = stageOf(CODE, n).respond.workingDays;
  return (p) => {
    const stage = stageOf(p, n);
    if (worstCaseAfterAck(stage) <= code) return [];
    const later =
      stage.respond.from === 'acknowledgement' ? '' : ', which can fall later';
    return [
      departure(
        `stage${n}-response`,
        clause,
        'breach',
        `The stage ${n} response is due ${describeResponse(stage)}${later}; the Code requires it within ${code} working days of the acknowledgement.`,
        stage.respond.cite,
      ),
    ];
  };
}

interface ExtensionClauses {
  readonly cap: string;
  /** A cap above the Code's: a breach where the clause is V, else a gap. */
  readonly capSeverity: DepartureSeverity;
  readonly notice: string;
  readonly details: string;
}

/**
 * Extensions: at most 10 (stage 1, 6.4, V) or 20 (stage 2, 6.15, C)
 * further working days without good reason; the resident told with reasons
 * and the new date before the original due date (6.4; stage 2 6.16, C);
 * the notice carries the Ombudsman's details (6.5, V; stage 2 6.16, C).
 * A missing cap or promise is a gap; a longer cap contradicts 6.4.
 */
function extensionRules(n: 1 | 2, c: ExtensionClauses): Rule {
  const code = stageOf(CODE, n).extension.maxWorkingDays;
  return (p) => {
    const x: ExtensionRule = stageOf(p, n).extension;
    const found: Departure[] = [];
    if (x.maxWorkingDays === null) {
      found.push(
        departure(
          `stage${n}-extension-cap`,
          c.cap,
          'gap',
          `The policy sets no limit on extending the stage ${n} response; the Code allows at most ${code} further working days without good reason.`,
          x.cite,
        ),
      );
    } else if (code !== null && x.maxWorkingDays > code) {
      found.push(
        departure(
          `stage${n}-extension-cap`,
          c.cap,
          c.capSeverity,
          `The policy lets the stage ${n} response be extended by up to ${x.maxWorkingDays} working days; the Code allows at most ${code} without good reason.`,
          x.cite,
        ),
      );
    }
    if (!x.noticeBeforeDue) {
      found.push(
        departure(
          `stage${n}-extension-notice`,
          c.notice,
          'gap',
          `The policy does not say the resident is told of a stage ${n} extension, with reasons and the new date, before the response falls due; the Code requires it.`,
          x.cite,
        ),
      );
    }
    if (!x.ombudsmanDetailsInNotice) {
      found.push(
        departure(
          `stage${n}-extension-ombudsman-details`,
          c.details,
          'gap',
          `The policy does not say a stage ${n} extension notice gives the Ombudsman's contact details; the Code requires it.`,
          x.cite,
        ),
      );
    }
    return found;
  };
}

/**
 * 6.10 (V): an unresolved complaint progresses to stage 2 when the resident
 * asks. The Code has no rule on closing for lack of contact, so an
 * auto-close is reported only when it can close the case before the
 * policy's own escalation window has run (bank holidays ignored: they only
 * lengthen a working-day window).
 */
const autoCloseRule: Rule = (p) => {
  const close = p.closure.autoCloseAfterNoContact;
  const window = p.escalation.window;
  if (close === null || window === null) return [];
  if (calendarSpan(close, 'min') >= calendarSpan(window, 'max')) return [];
  return [
    departure(
      'auto-close-before-escalation',
      '6.10',
      'breach',
      `The policy closes a complaint after ${describeDays(close)} without contact, before the ${describeDays(window)} the resident has to ask for stage 2; the Code requires an unresolved complaint to go to stage 2 when the resident asks.`,
      close.cite,
    ),
  ];
};

interface Days {
  readonly days: number;
  readonly unit: 'calendar-days' | 'working-days';
}

/** Calendar days that `d` can span, at least or at most, weekends only. */
function calendarSpan(d: Days, bound: 'min' | 'max'): number {
  if (d.unit === 'calendar-days') return d.days;
  const weeks =
    bound === 'min' ? Math.floor(d.days / 5) : Math.ceil(d.days / 5);
  return d.days + 2 * weeks;
}

function describeDays(d: Days): string {
  return `${d.days} ${d.unit === 'calendar-days' ? 'days' : 'working days'}`;
}

/** 6.12 (V): residents must not be required to explain why they want stage 2. */
const escalationReasonsRule: Rule = (p) => {
  const e = p.escalation;
  if (!e.reasonsRequired && e.acceptedGrounds === 'any') return [];
  const grounds: Record<typeof e.acceptedGrounds, string> = {
    any: 'asks residents to give reasons for stage 2',
    'reasons-or-new-information':
      'escalates only when the resident gives specific reasons or new information',
    'procedure-not-followed':
      'escalates only when the resident shows the complaint was not handled in line with the policy',
  };
  return [
    departure(
      'escalation-reasons',
      '6.12',
      'breach',
      `The policy ${grounds[e.acceptedGrounds]}; the Code says residents must not be required to explain why they want stage 2.`,
      e.cite,
    ),
  ];
};

/** 6.13 (V): the stage 2 decision-maker is not the stage 1 handler. */
const stage2HandlerRule: Rule = (p) =>
  p.stage2.handler.mustDifferFromStage1
    ? []
    : [
        departure(
          'stage2-handler',
          '6.13',
          'gap',
          `The policy does not require the stage 2 decision-maker (${lowerFirst(p.stage2.handler.description)}) to be someone other than the person who handled stage 1; the Code requires it.`,
          p.stage2.handler.cite,
        ),
      ];

// ---------------------------------------------------------------- 8.x, 9.x

/** 8.1 (C): an annual complaints performance and service improvement report. */
const annualReportRule: Rule = (p) =>
  p.governance.annualReport
    ? []
    : [
        departure(
          'annual-report',
          '8.1',
          'gap',
          'The policy has no annual complaints performance and service improvement report; the Code requires one, with the self-assessment, reported to the governing body and published.',
          p.governance.cite,
        ),
      ];

/** 9.5 (V): a Member Responsible for Complaints on the governing body. */
const memberResponsibleRule: Rule = (p) =>
  p.governance.memberResponsibleForComplaints
    ? []
    : [
        departure(
          'member-responsible',
          '9.5',
          'gap',
          'The policy names no Member Responsible for Complaints on the governing body; the Code requires one.',
          p.governance.cite,
        ),
      ];

/** 9.7 (V, partial): the governing body receives regular updates. */
const boardReportingRule: Rule = (p) => {
  const months = p.governance.boardReportingMonths;
  if (months !== null && months <= 12) return [];
  const value =
    months === null
      ? 'does not say how often the governing body hears about complaints'
      : `reports complaints to the governing body only every ${months} months`;
  return [
    departure(
      'board-reporting',
      '9.7',
      'gap',
      `The policy ${value}; the Code requires regular updates on complaint volumes, outcomes and performance.`,
      p.governance.cite,
    ),
  ];
};

/**
 * A policy that does not state its definition or a stage's statutory
 * timescale leaves residents unable to see the process (3.4–3.5, C), even
 * though Hearth runs the Code's value in its place.
 */
function notStatedRule(): Rule {
  const what = (p: Policy) =>
    [
      ['1.2', 'what a complaint is', p.definition.cite],
      ['6.2', 'when stage 1 is acknowledged', p.stage1.acknowledge.cite],
      ['6.3', 'when the stage 1 response is due', p.stage1.respond.cite],
      ['6.11', 'when stage 2 is acknowledged', p.stage2.acknowledge.cite],
      ['6.14', 'when the stage 2 response is due', p.stage2.respond.cite],
    ] as const;
  return (p) =>
    what(p)
      .filter(([, , cite]) => cite.silent === true)
      .map(([clause, subject, cite]) =>
        departure(
          'not-stated',
          clause,
          'gap',
          `The policy does not say ${subject}; the Code sets it (clause ${clause}) and Hearth applies the Code's value, but residents cannot read it in the policy.`,
          cite,
        ),
      );
}

const RULES: readonly Rule[] = [
  notStatedRule(),
  definitionRule,
  exclusionRule,
  anonymousRule,
  timeLimitRule,
  informalStageRule,
  ombudsmanAccessRule,
  refusalGroundRule,
  restrictionsRule,
  restrictionsEqualityRule,
  acknowledgementRule(1, '6.2'),
  responseRule(1, '6.3'),
  extensionRules(1, {
    cap: '6.4',
    capSeverity: 'breach',
    notice: '6.4',
    details: '6.5',
  }),
  autoCloseRule,
  acknowledgementRule(2, '6.11'),
  escalationReasonsRule,
  stage2HandlerRule,
  responseRule(2, '6.14'),
  extensionRules(2, {
    cap: '6.15',
    capSeverity: 'gap',
    notice: '6.16',
    details: '6.16',
  }),
  annualReportRule,
  memberResponsibleRule,
  boardReportingRule,
];
