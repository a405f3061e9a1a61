import {
  code2024,
  lhp2022,
  lintPolicy,
  liveWest2025,
  livin2020,
  livinLeaflet,
  livv2018,
  type Policy,
  presets,
} from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import { render } from '../../../../functions/shared/pages/render.js';
import { citeText, policyView } from '../../../../functions/web/policy-view.js';

const landlord = {
  name: 'Hearth Local Homes',
  phone: '0300 000 0000',
  email: 'complaints@example.org',
  address: ['1 High Street', 'Anytown', 'AN1 1AA'],
};

/** The page as the web function renders it, as text. */
function page(policy: Policy, template = 'web/policy.njk') {
  const html = render(template, {
    cspNonce: 'n',
    landlordName: landlord.name,
    serviceName: 'Complaints',
    serviceUrl: '/',
    navigation: [{ href: '/policy', text: 'Complaints policy', active: true }],
    ...policyView(policy, landlord),
  });
  const text = html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');
  return { html, text };
}

describe('the policy page, for every preset', () => {
  it.each(presets.map((p) => [p.id, p] as const))(
    '%s: one h1, both stages with their timescales, the ombudsman, and every departure the lint finds',
    (_, policy) => {
      const { html, text } = page(policy);
      const view = policyView(policy, landlord);

      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(html).toContain(
        '<title>Hearth Local Homes complaints policy – Complaints – Hearth Local Homes</title>',
      );
      for (const stage of [policy.stage1, policy.stage2]) {
        expect(text).toContain(stage.name);
        expect(text).toContain(
          `within ${stage.acknowledge.workingDays} working day`,
        );
        expect(text).toContain(
          `within ${stage.respond.workingDays} working days`,
        );
      }
      expect(text).toContain('0300 111 3000');
      expect(view.departures).toHaveLength(lintPolicy(policy).length);
      for (const d of lintPolicy(policy)) {
        expect(text).toContain(`Clause ${d.clause}`);
      }
      if (lintPolicy(policy).length === 0) {
        expect(text).toContain(
          "Our policy follows the Housing Ombudsman's Complaint Handling Code (2024)",
        );
      }
      expect(text).toContain('You do not have to tell us why');
    },
  );

  it.each(presets.map((p) => [p.id, p] as const))(
    '%s: prints without the navigation or footer',
    (_, policy) => {
      const { html, text } = page(policy, 'web/policy-print.njk');

      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(html).not.toContain('govuk-service-navigation');
      expect(html).not.toContain('govuk-footer');
      expect(text).toContain(policy.stage1.name);
    },
  );
});

describe('policyView, hand-checked against each preset', () => {
  it('code-2024: the Code itself, no departures', () => {
    const view = policyView(code2024, landlord);

    expect(view.stages[0]?.rules.map((r) => r.text)).toEqual([
      'We acknowledge your complaint within 5 working days of receiving your complaint, and set out what we understand the complaint to be.',
      'We send our stage 1 response within 10 working days of acknowledging your complaint.',
      'If we need more time, we can extend the response by up to 10 working days, and only longer for a good reason that we record. We will tell you before the response is due, with our reasons and the new date, and give you the contact details of the Housing Ombudsman.',
      'Who decides: A complaint handler with the authority to resolve it.',
    ]);
    expect(view.escalation.when).toContain('at any time after it');
    expect(view.escalation.policyAsks).toBeUndefined();
    expect(view.timeLimit.text).toBe(
      'Please complain within 12 months of the problem happening, or of when you found out about it.',
    );
    expect(view.departures).toEqual([]);
  });

  it('livv-2018: the informal step, Fix in Five, the panel meeting, reasons demanded, the designated person', () => {
    const view = policyView(livv2018, landlord);

    expect(view.informal?.name).toBe('First point of contact (informal)');
    expect(view.stages[0]?.rules[1]?.text).toBe(
      'We aim to resolve it early, within 5 working days of acknowledging your complaint.',
    );
    expect(view.stages[1]?.rules.map((r) => r.text)).toContain(
      'We hold a review meeting within 15 working days of receiving your request for stage 2.',
    );
    expect(view.stages[1]?.rules.at(-1)?.text).toContain(
      'It is never the person who dealt with stage 1.',
    );
    expect(view.escalation.when).toContain('within 14 days of it');
    expect(view.escalation.policyAsks).toContain('specific reasons');
    expect(view.autoClose?.text).toBe(
      'If we do not hear from you within 14 days of a response, we may close your complaint.',
    );
    expect(view.ombudsmanAccess.extraSteps).toContain(
      'wait 8 weeks after our final response',
    );
    expect(view.departures.map((d) => d.clause)).toContain('5.2');
  });

  it('livin-2020: a 6-month limit and a 2-day acknowledgement', () => {
    const view = policyView(livin2020, landlord);

    expect(view.timeLimit.text).toContain('within 6 months');
    expect(view.stages[0]?.rules[0]?.text).toContain(
      'within 2 working days of receiving your complaint',
    );
  });

  it('livewest-2025: receipt confirmed within 24 hours, a time-limit exception', () => {
    const view = policyView(liveWest2025, landlord);

    expect(view.receipt?.text).toBe(
      'We confirm we have received your complaint within 24 hours.',
    );
    expect(view.timeLimit.exceptions).toContain('ongoing issue');
  });

  it('livin-leaflet: a response timed from receipt, updates, escalation only if the policy was not followed', () => {
    const view = policyView(livinLeaflet, landlord);

    expect(view.stages[0]?.rules.map((r) => r.text)).toContain(
      'We send our stage 1 response within 10 working days of receiving your complaint.',
    );
    expect(view.stages[0]?.rules.map((r) => r.text)).toContain(
      'While we work on it, we update you at least every 10 working days.',
    );
    expect(view.informal?.target).toBe(
      'We aim to resolve it within 4 working days.',
    );
    expect(view.escalation.policyAsks).toContain(
      'not handled in line with this policy',
    );
  });

  it('lhp-2022: stage 1 timed from the original complaint, a 10-day stage 2 extension cap', () => {
    const view = policyView(lhp2022, landlord);

    expect(view.stages[0]?.rules[1]?.text).toBe(
      'We send our stage 1 response within 10 working days of receiving your original complaint.',
    );
    expect(view.stages[1]?.rules[2]?.text).toContain(
      'extend the response by up to 10 working days',
    );
    expect(view.timeLimit.exceptions).toBe(
      'The time limit does not apply to complaints about safeguarding or health and safety.',
    );
  });
});

describe('citeText', () => {
  it('names the document and paragraph, or says the policy is silent', () => {
    expect(
      citeText({ source: 'Complaint Handling Code 2024', ref: '6.2' }),
    ).toBe('Complaint Handling Code 2024, 6.2');
    expect(
      citeText({
        source: 'Some policy',
        ref: 'silent — Code default (6.11)',
        silent: true,
      }),
    ).toBe(
      'Not stated in the policy document: the Complaint Handling Code applies (6.11)',
    );
  });
});
