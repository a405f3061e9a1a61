/**
 * What every console page shares: the service's navigation with who is
 * signed in and a sign-out button, the security headers (the sign-out
 * form ends at the user pool's logout, so its origin may be a form's
 * destination), and the HTML error pages.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { htmlResponse } from '../shared/pages/http.js';
import { render } from '../shared/pages/render.js';
import type { Staff } from '../shared/staff.js';

export type Section =
  | 'queue'
  | 'log'
  | 'print'
  | 'reports'
  | 'self-assessment'
  | 'annual-report'
  | 'case'
  | 'none';

export interface PageKit {
  readonly nonce: string;
  readonly landlordName: string;
  readonly authOrigin: string;
  /** Signed in: shown in the header; absent on the sign-in pages. */
  readonly staff?: Staff;
}

/**
 * Managers and the MRC see the Board's reports, the self-assessment and
 * the annual report; officers do not.
 */
export function canSeeReports(staff: Staff | undefined): boolean {
  return staff?.roles.some((r) => r === 'manager' || r === 'mrc') ?? false;
}

/** Managers write the self-assessment and annual report and make reports. */
export function isManager(staff: Staff | undefined): boolean {
  return staff?.roles.includes('manager') ?? false;
}

/** The staff member may change cases (the MRC only reads). */
export function canAct(staff: Staff | undefined): boolean {
  return staff?.roles.some((r) => r === 'officer' || r === 'manager') ?? false;
}

function navigation(section: Section, staff: Staff | undefined) {
  if (staff === undefined) return [];
  return [
    { href: '/console', text: 'Work queue', current: section === 'queue' },
    ...(canAct(staff)
      ? [
          {
            href: '/console/log',
            text: 'Log a complaint',
            current: section === 'log',
          },
        ]
      : []),
    {
      href: '/console/print',
      text: 'Print queue',
      current: section === 'print',
    },
    ...(canSeeReports(staff)
      ? [
          {
            href: '/console/reports',
            text: 'Board reports',
            current: section === 'reports',
          },
          {
            href: '/console/self-assessment',
            text: 'Self-assessment',
            current: section === 'self-assessment',
          },
          {
            href: '/console/annual-report',
            text: 'Annual report',
            current: section === 'annual-report',
          },
        ]
      : []),
  ];
}

/** Renders a console page with the shared context and headers. */
export function page(
  kit: PageKit,
  status: number,
  template: string,
  context: { readonly title: string; readonly section?: Section } & Record<
    string,
    unknown
  >,
  cookies?: readonly string[],
): APIGatewayProxyStructuredResultV2 {
  const html = render(template, {
    cspNonce: kit.nonce,
    landlordName: kit.landlordName,
    serviceName: 'Complaints console',
    serviceUrl: '/console',
    homeUrl: '/console',
    navigation: navigation(context.section ?? 'none', kit.staff),
    signedIn: kit.staff,
    roles: kit.staff?.roles.join(', '),
    footerLinks: [{ href: '/policy', text: 'Complaints policy' }],
    width: 'full',
    ...context,
  });
  return htmlResponse(status, html, {
    nonce: kit.nonce,
    formAction: [kit.authOrigin],
    ...(cookies === undefined ? {} : { cookies }),
  });
}

const errorPages: Record<
  number,
  { title: string; message: string; next?: { href: string; text: string } }
> = {
  400: {
    title: 'Sorry, we could not read that',
    message: 'Go back, check the form and try again.',
  },
  401: {
    title: 'You need to sign in',
    message: 'Your session has ended or you have not signed in.',
    next: { href: '/console/sign-in', text: 'Sign in' },
  },
  403: {
    title: 'You cannot do that',
    message:
      'Your role does not allow it, or the request did not come from this service.',
    next: { href: '/console', text: 'Go to the work queue' },
  },
  404: {
    title: 'Page not found',
    message:
      'If you typed the web address, check it is correct. A complaint reference looks like HTH-2026-000123.',
    next: { href: '/console', text: 'Go to the work queue' },
  },
  409: {
    title: 'Someone else changed this',
    message:
      'It was changed while you were working on it. Look at it again before you act.',
    next: { href: '/console', text: 'Go to the work queue' },
  },
  500: {
    title: 'Sorry, there is a problem with the service',
    message: 'Try again later. Nothing you were doing has been half-saved.',
    next: { href: '/console', text: 'Go to the work queue' },
  },
};

/** An HTML error page (never a stack trace). */
export function errorPage(
  kit: PageKit,
  status: keyof typeof errorPages | number,
  detail?: string,
): APIGatewayProxyStructuredResultV2 {
  const known = errorPages[status] ?? errorPages[500];
  return page(kit, status, 'console/error.njk', {
    title: known?.title ?? 'Error',
    message: known?.message,
    detail,
    next: known?.next,
    width: 'two-thirds',
  });
}
