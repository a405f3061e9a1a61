/**
 * How every function is bundled (STYLE rec. 9): an ESM bundle for the
 * pinned Node runtime, minified, with a source map, the AWS SDK bundled
 * rather than taken from the runtime, and `require` made available to the
 * CommonJS packages inside an ESM bundle. Read by the CDK construct
 * (hearth-function.ts) and by `npm run bench`, which bundles the same way
 * with esbuild's API to measure what deploys. Dependency-free, so the bench
 * does not load aws-cdk-lib.
 */
export interface BundlingOptions {
  readonly format: 'esm' | 'cjs';
  readonly target: string;
  readonly mainFields: string[];
  readonly minify: boolean;
  readonly sourceMap: boolean;
  /** Packages left out of the bundle; none, so the pinned SDK ships. */
  readonly externalModules: string[];
  readonly banner: string;
}

export const bundlingOptions: BundlingOptions = {
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  externalModules: [],
  banner:
    "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
};
