/**
 * The landlord's complaints policy as a page, generated from the policy in
 * force (Code 3.4–3.5 (C): clear, accessible, every stage and timescale),
 * with where each value came from and, from the lint, where the policy
 * departs from the 2024 Code. Pure: the same data the engine runs on, so
 * the page cannot say one timescale while the clocks run another.
 */
import {
  type ChannelName,
  type Citation,
  type DepartureSeverity,
  lintPolicy,
  type Nation,
  type Policy,
  type StagePolicy,
} from '@hearth/domain';
import { ombudsmanOf, ombudsmanView } from './ombudsman.js';
import { fromText, period, workingDays } from './words.js';

export interface Landlord {
  readonly name: string;
  readonly phone: string;
  readonly email: string;
  readonly address: readonly string[];
}

/** Where a rule came from, as a reader checks it. */
export function citeText(cite: Citation): string {
  if (cite.silent) {
    const clause = /\(([^)]+)\)/.exec(cite.ref)?.[1];
    return `Not stated in the policy document: the Complaint Handling Code applies${clause === undefined ? '' : ` (${clause})`}`;
  }
  return `${cite.source}, ${cite.ref}`;
}

const nationText: Readonly<Record<Nation, string>> = {
  'england-and-wales': 'England and Wales',
  wales: 'Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

const severityText: Readonly<Record<DepartureSeverity, string>> = {
  breach: 'Departs from the Code',
  gap: 'Not covered as the Code requires',
  advisory: 'Allowed if fair and reasonable',
};

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function channelText(channel: ChannelName, landlord: Landlord): string {
  switch (channel) {
    case 'web':
      return 'online, using our complaint form';
    case 'email':
      return `by email to ${landlord.email}`;
    case 'phone':
      return `by phone on ${landlord.phone}`;
    case 'in-person':
      return 'in person, by talking to any member of our staff';
    case 'letter':
      return landlord.address.length === 0
        ? 'by post'
        : `by post to ${landlord.address.join(', ')}`;
    case 'social-media':
      return 'through our social media accounts';
  }
}

/** The ways to complain the policy accepts, in words, less any `except`. */
export function channelsText(
  policy: Policy,
  landlord: Landlord,
  except: readonly ChannelName[] = [],
): string[] {
  return policy.channels
    .filter((c) => !except.includes(c))
    .map((c) => channelText(c, landlord));
}

function stageView(
  n: 1 | 2,
  stage: StagePolicy,
  policy: Policy,
  ombudsmanName: string,
) {
  const what = n === 1 ? 'your complaint' : 'your request';
  const rules: { text: string; cite: string }[] = [
    {
      text: `We acknowledge ${what} within ${workingDays(stage.acknowledge.workingDays)} ${fromText(stage.acknowledge.from, n)}, and set out what we understand the complaint to be.`,
      cite: citeText(stage.acknowledge.cite),
    },
  ];
  if (stage.earlyResolution !== undefined) {
    rules.push({
      text: `We aim to resolve it early, within ${workingDays(stage.earlyResolution.workingDays)} ${fromText(stage.earlyResolution.from, n)}.`,
      cite: citeText(stage.earlyResolution.cite),
    });
  }
  if (stage.meeting !== undefined) {
    rules.push({
      text: `We hold a review meeting within ${workingDays(stage.meeting.workingDays)} ${fromText(stage.meeting.from, n)}.`,
      cite: citeText(stage.meeting.cite),
    });
  }
  rules.push({
    text: `We send our ${n === 1 ? 'stage 1 response' : 'stage 2 response, our final response,'} within ${workingDays(stage.respond.workingDays)} ${fromText(stage.respond.from, n)}.`,
    cite: citeText(stage.respond.cite),
  });
  const updates =
    stage.updateIntervalWorkingDays ?? policy.contact.updateIntervalWorkingDays;
  if (updates !== null && updates !== undefined) {
    rules.push({
      text: `While we work on it, we update you at least every ${workingDays(updates)}.`,
      cite: citeText(policy.contact.cite),
    });
  }
  const x = stage.extension;
  const limit =
    x.maxWorkingDays === null
      ? 'If we need more time, we can extend the response: the policy sets no limit on how long.'
      : `If we need more time, we can extend the response by up to ${workingDays(x.maxWorkingDays)}${x.goodReasonOverride ? ', and only longer for a good reason that we record' : ''}.`;
  const told = x.noticeBeforeDue
    ? ` We will tell you before the response is due, with our reasons and the new date${x.ombudsmanDetailsInNotice ? `, and give you the contact details of ${ombudsmanName}` : ''}.`
    : '';
  rules.push({ text: `${limit}${told}`, cite: citeText(x.cite) });
  rules.push({
    // Hearth keeps the stage 1 handler off stage 2 whatever the policy says.
    text: `Who decides: ${sentence(stage.handler.description)}${n === 2 && !stage.handler.mustDifferFromStage1 ? ' It is never the person who dealt with stage 1.' : ''}`,
    cite: citeText(stage.handler.cite),
  });
  return { name: stage.name, rules };
}

export function policyView(policy: Policy, landlord: Landlord) {
  const { timeLimit, escalation } = policy;
  const notComplaints = policy.exclusions.filter(
    (e) => e.ground === 'service-request',
  );
  const exclusions = policy.exclusions.filter(
    (e) => e.ground !== 'service-request',
  );
  const contact = ombudsmanOf(policy);
  const ombudsmanName =
    contact === undefined ? 'the ombudsman' : `the ${contact.shortName}`;
  const departures = lintPolicy(policy);
  const extraSteps = [
    policy.ombudsman.designatedPerson
      ? 'to go to a designated person (an MP, a councillor or a tenant panel) first'
      : '',
    policy.ombudsman.waitWeeks !== null && policy.ombudsman.waitWeeks > 0
      ? `to wait ${policy.ombudsman.waitWeeks} weeks after our final response`
      : '',
  ].filter((s) => s !== '');
  return {
    title: `${landlord.name} complaints policy`,
    basedOn: {
      title: policy.title,
      version: policy.version,
      source: citeText(policy.source),
    },
    channels: channelsText(policy, landlord),
    definition: {
      text: sentence(policy.definition.text),
      cite: citeText(policy.definition.cite),
    },
    notComplaints: notComplaints.map((e) => sentence(e.label)),
    timeLimit: {
      text: `Please complain within ${timeLimit.months} months of the problem happening${timeLimit.from === 'issue-or-awareness' ? ', or of when you found out about it' : ''}.`,
      discretion: timeLimit.discretion
        ? 'We may still accept an older complaint if there is a good reason why it was not made sooner.'
        : undefined,
      exceptions:
        timeLimit.exceptions.length === 0
          ? undefined
          : `The time limit does not apply to complaints about ${timeLimit.exceptions.join(' or ')}.`,
      cite: citeText(timeLimit.cite),
    },
    exclusions: exclusions.map((e) => ({
      text: sentence(e.label),
      cite: citeText(e.cite),
    })),
    anonymous: policy.contact.anonymousMayBeDeclined
      ? 'We may not be able to investigate a complaint made anonymously.'
      : undefined,
    informal:
      policy.informalStage === undefined
        ? undefined
        : {
            name: policy.informalStage.name,
            text: sentence(policy.informalStage.description),
            target:
              policy.informalStage.targetWorkingDays === null
                ? undefined
                : `We aim to resolve it within ${workingDays(policy.informalStage.targetWorkingDays)}.`,
            cite: citeText(policy.informalStage.cite),
          },
    receipt:
      policy.receiptConfirmation === undefined
        ? undefined
        : {
            text: `We confirm we have received your complaint within ${policy.receiptConfirmation.withinHours} hours.`,
            cite: citeText(policy.receiptConfirmation.cite),
          },
    stages: [
      stageView(1, policy.stage1, policy, ombudsmanName),
      stageView(2, policy.stage2, policy, ombudsmanName),
    ],
    escalation: {
      when:
        escalation.window === null
          ? 'If you are unhappy with our stage 1 response, you can ask for a stage 2 review at any time after it.'
          : `If you are unhappy with our stage 1 response, you can ask for a stage 2 review within ${period(escalation.window)} of it.`,
      windowCite:
        escalation.window === null
          ? undefined
          : citeText(escalation.window.cite),
      policyAsks:
        escalation.reasonsRequired || escalation.acceptedGrounds !== 'any'
          ? {
              'reasons-or-new-information':
                'Our policy document says we take a complaint to stage 2 only when you give specific reasons or new information.',
              'procedure-not-followed':
                'Our policy document says we take a complaint to stage 2 only when it was not handled in line with this policy.',
              any: 'Our policy document asks you to give your reasons for wanting stage 2.',
            }[escalation.acceptedGrounds]
          : undefined,
      cite: citeText(escalation.cite),
      refusals: escalation.refusalGrounds.map((g) => ({
        text: sentence(g.label),
        cite: citeText(g.cite),
      })),
    },
    autoClose:
      policy.closure.autoCloseAfterNoContact === null
        ? undefined
        : {
            text: `If we do not hear from you within ${period(policy.closure.autoCloseAfterNoContact)} of a response, we may close your complaint.`,
            cite: citeText(policy.closure.autoCloseAfterNoContact.cite),
          },
    representatives: policy.contact.representativesAllowed
      ? `Someone else can make or carry on a complaint for you, such as a family member, a friend, an advocate or a councillor.${policy.contact.representativeConsentRequired ? ' We will ask you to agree to them acting for you.' : ''}`
      : undefined,
    remedies: {
      text: policy.remedies.guidance,
      arrears: policy.remedies.offsetAgainstArrears
        ? 'If you owe us rent, we may pay compensation to your rent account.'
        : undefined,
      cite: citeText(policy.remedies.cite),
    },
    workingDays: `Working days are Monday to Friday, except bank holidays in ${nationText[policy.nation]}${policy.closureDays.length === 0 ? '' : ' and the days our offices are closed'}.`,
    closureDays: policy.closureDays,
    ombudsman: ombudsmanView(contact),
    ombudsmanAccess: {
      name: ombudsmanName,
      extraSteps:
        extraSteps.length === 0
          ? undefined
          : `Our policy document asks you ${extraSteps.join(' or ')}. The law changed on 1 October 2023 (Building Safety Act 2022): you can go to ${ombudsmanName} as soon as you have our final response.`,
      cite: citeText(policy.ombudsman.cite),
    },
    departures: departures.map((d) => ({
      clause: d.clause,
      severity: severityText[d.severity],
      text: d.explanation,
      cite: d.evidence === undefined ? undefined : citeText(d.evidence),
    })),
    // The Design System's summary list rows.
    departureRows: departures.map((d) => ({
      key: { text: `Clause ${d.clause}: ${severityText[d.severity]}` },
      value: {
        text:
          d.evidence === undefined
            ? d.explanation
            : `${d.explanation} (Policy: ${citeText(d.evidence)})`,
      },
    })),
  };
}
