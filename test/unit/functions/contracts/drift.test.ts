import type {
  Adjustment,
  ComplaintState,
  Intent,
  Remedy,
  Status,
} from '@hearth/domain';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  adjustmentSchema,
  allOf,
  type complaintStateSchema,
  type DriftedVariants,
  type Exact,
  formatPath,
  type intentSchema,
  isoDateSchema,
  type NoneDrifted,
  type remedySchema,
  statuses,
} from '../../../../functions/shared/contracts/index.js';

/*
 * The drift checks are types, so these cases are checked by `npx tsc -b`,
 * not by vitest: each `@ts-expect-error` fails the build if the line below
 * it stops being an error, i.e. if a check stops catching that drift.
 */

describe('the compile-time drift checks', () => {
  it('pass for the real schemas', () => {
    true satisfies Exact<z.infer<typeof complaintStateSchema>, ComplaintState>;
    true satisfies Exact<z.infer<typeof remedySchema>, Remedy>;
    true satisfies NoneDrifted<
      DriftedVariants<z.infer<typeof intentSchema>, Intent>
    >;
    expect(statuses).toContain('closed');
  });

  it('ignore readonly, which is a view, not a shape', () => {
    true satisfies Exact<
      { a: string[]; b: { c?: number } },
      { readonly a: readonly string[]; readonly b: { readonly c?: number } }
    >;
    expect(true).toBe(true);
  });

  it('catch a field the schema lacks, even an optional one', () => {
    const lacking = adjustmentSchema.omit({ reviewOn: true });
    // @ts-expect-error reviewOn?: IsoDate is in the domain type only
    true satisfies Exact<z.infer<typeof lacking>, Adjustment>;
    expect(lacking.safeParse({ description: 'x' }).success).toBe(true);
  });

  it('catch a field the domain lacks', () => {
    const extra = adjustmentSchema.extend({ colour: z.string() });
    // @ts-expect-error colour is in the schema only
    true satisfies Exact<z.infer<typeof extra>, Adjustment>;
    const extraOptional = adjustmentSchema.extend({
      colour: z.string().exactOptional(),
    });
    // @ts-expect-error an optional colour is still a drift
    true satisfies Exact<z.infer<typeof extraOptional>, Adjustment>;
    expect(extra.shape.colour).toBeDefined();
  });

  it('catch optional against required, and optional() against exactOptional()', () => {
    const required = adjustmentSchema.extend({ reviewOn: isoDateSchema });
    // @ts-expect-error reviewOn is optional in the domain
    true satisfies Exact<z.infer<typeof required>, Adjustment>;
    const loose = adjustmentSchema.extend({
      reviewOn: isoDateSchema.optional(),
    });
    // @ts-expect-error `?: string | undefined` is not `?: string`
    true satisfies Exact<z.infer<typeof loose>, Adjustment>;
    expect(
      loose.safeParse({ description: 'x', reviewOn: undefined }).success,
    ).toBe(true);
  });

  it('catch a changed type and a changed enum', () => {
    const retyped = adjustmentSchema.extend({ description: z.number() });
    // @ts-expect-error description is a string
    true satisfies Exact<z.infer<typeof retyped>, Adjustment>;
    const fewer = z.enum(['recorded', 'closed']);
    // @ts-expect-error Status has more members
    true satisfies Exact<z.infer<typeof fewer>, Status>;
    expect(retyped.shape.description).toBeDefined();
  });

  it('name the union member that drifted', () => {
    type Domain = { type: 'a'; n: number } | { type: 'b'; s: string };
    type Schema = { type: 'a'; n: number } | { type: 'b'; s: number };
    true satisfies Exact<DriftedVariants<Schema, Domain>, 'b'>;
    // @ts-expect-error Type 'true' does not satisfy '{ drifted: "b"; }'
    true satisfies NoneDrifted<DriftedVariants<Schema, Domain>>;
    type Missing = { type: 'a'; n: number };
    true satisfies Exact<DriftedVariants<Missing, Domain>, 'b'>;
    expect(true).toBe(true);
  });

  it('list a literal union once, both ways', () => {
    type Colour = 'red' | 'green';
    expect(allOf<Colour>()(['red', 'green'])).toEqual(['red', 'green']);
    // @ts-expect-error 'green' is missing
    allOf<Colour>()(['red']);
    // @ts-expect-error 'blue' is not a Colour
    allOf<Colour>()(['red', 'green', 'blue']);
  });
});

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['status'], 'status'],
    [['stage1', 'extensions', 0, 'toDueOn'], 'stage1.extensions[0].toDueOn'],
    [[3, 'remedies', 1, 'stage'], '[3].remedies[1].stage'],
  ] as const)('formats %j as %j', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
