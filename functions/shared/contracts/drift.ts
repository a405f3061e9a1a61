/**
 * Compile-time checks that a zod schema and the domain type it stores stay
 * in step. They emit nothing at run time: `true satisfies Exact<A, B>`
 * compiles to a bare `true;`, and `npx tsc -b` fails when they drift.
 */

/**
 * A type with `readonly` removed at every depth and intersections
 * flattened into one object. zod infers mutable objects and arrays; the
 * domain declares readonly ones. Readonly is a compile-time view, not a
 * shape, so it is the one difference compared away. Optional properties
 * keep their `?` and, under `exactOptionalPropertyTypes`, their exactness.
 */
export type Normalize<T> = T extends readonly (infer E)[]
  ? Normalize<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Normalize<T[K]> }
    : T;

/**
 * Whether two types are identical (the compiler's own identity relation).
 * Catches an optional property on one side only, which plain
 * assignability both ways would let through.
 */
type Identical<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2
    ? true
    : false;

/**
 * `true` when `Schema` (a schema's inferred type) and `Domain` are the same
 * shape, else `false`. Two checks, because each misses something:
 * - identity of the normalised types catches a property gained, lost or
 *   retyped, required against optional, and an optional property present
 *   on one side only;
 * - assignability both ways catches `?: T | undefined` (zod's `.optional()`)
 *   against `?: T` (`.exactOptional()`), which the identity relation
 *   treats as the same.
 *
 * @example
 * true satisfies Exact<z.infer<typeof remedySchema>, Remedy>;
 */
export type Exact<Schema, Domain> =
  Identical<Normalize<Schema>, Normalize<Domain>> extends true
    ? [Normalize<Schema>] extends [Normalize<Domain>]
      ? [Normalize<Domain>] extends [Normalize<Schema>]
        ? true
        : false
      : false
    : false;

/**
 * `true` when nothing drifted, else an object naming what did, so the
 * compiler's message says which member of a union is out of step:
 * `Type 'true' does not satisfy the expected type '{ drifted: "extended"; }'`.
 */
export type NoneDrifted<Drifted> = [Drifted] extends [never]
  ? true
  : { drifted: `${Drifted & string}` }; // prints the members, not the alias

/**
 * Each variant of a domain union `D`, discriminated on `type`, against the
 * schema's variant of the same `type`. Gives the `type`s that differ
 * (including a variant the schema lacks), or `never`.
 */
export type DriftedVariants<
  S extends { type: string },
  D extends { type: string },
> = {
  [T in D['type']]: Exact<
    Extract<S, { type: T }>,
    Extract<D, { type: T }>
  > extends true
    ? never
    : T;
}[D['type']];

/**
 * The values of a literal union, listed once, checked both ways: a value
 * outside `T` is a type error, and so is a member of `T` left out (the
 * error names it as `missing`).
 *
 * @example
 * const statuses = allOf<Status>()(['recorded', 'informal', …]);
 * z.enum(statuses);
 */
export function allOf<T extends string>() {
  return <const L extends readonly [T, ...T[]]>(
    values: L & Covers<T, L[number]>,
  ): L => values;
}

type Covers<T, Listed> = [Exclude<T, Listed>] extends [never]
  ? unknown
  : { missing: Exclude<T, Listed> };
