import type { Citation, RetentionRule } from '../policy.js';

/** The common landlord choice: six years after the case ended. */
const SIX_YEARS = 6;

/**
 * Why six years, in every preset's citation: neither the 2024 Code nor any
 * seed policy sets a period, UK GDPR asks only that data be kept no longer
 * than needed, and six years after closure is the usual housing choice
 * (it matches the Limitation Act 1980's six years for contract claims).
 * Tagged U: not read in any source REGULATION.md lists.
 */
const WHY =
  'the Complaint Handling Code 2024 sets no period; 6 years after closure is a common landlord choice (Limitation Act 1980 s.5), under UK GDPR Art. 5(1)(e) storage limitation (U)';

/**
 * A preset's retention rule: six years after a case ends, cited to where
 * the policy document speaks of data protection (if it does), and always
 * marked as the landlord's choice, unverified.
 *
 * @example
 * landlordRetention('LHP Complaints Policy 2022–2024 (v3)');
 * // { closedCaseYears: 6, citation: { source: 'LHP…', ref: 'silent on retention: …' } }
 */
export function landlordRetention(
  source: string,
  where?: { readonly ref: string; readonly quote: string },
): RetentionRule {
  const citation: Citation =
    where === undefined
      ? { source, ref: `silent on retention: ${WHY}` }
      : {
          source,
          ref: `${where.ref} (no period stated): ${WHY}`,
          quote: where.quote,
        };
  return { closedCaseYears: SIX_YEARS, citation };
}

/** The Code defaults' rule: the landlord's choice, the Code being silent. */
export const codeDefaultRetention: RetentionRule = {
  closedCaseYears: SIX_YEARS,
  citation: {
    source: 'Landlord retention schedule (a policy choice, not a Code rule)',
    ref: WHY,
  },
};
