/**
 * The static assets of Hearth's pages: govuk-frontend compiled for a
 * landlord's service (system font, no crown), its JavaScript, images and
 * our one progressive-enhancement script. Built into one folder that
 * `npm start` serves at /assets and the CDK app deploys to the assets
 * bucket behind CloudFront. Synchronous so the CDK app can call it.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';

/** Where pages link their assets from (same origin: CloudFront or the local API). */
export const assetsPath = '/assets';

/**
 * How long browsers and CloudFront keep an asset. The names carry no
 * content hash, so an hour, not a year: a deployment invalidates
 * CloudFront's copies at once, and browsers catch up within the hour.
 */
export const assetsMaxAgeSeconds = 60 * 60;

/** The Cache-Control of every asset, deployed and local. */
export const assetsCacheControl = `public, max-age=${assetsMaxAgeSeconds}`;

/** Builds the assets into `outDir` (emptied first) and returns it. */
export function buildAssets(root: string, outDir: string): string {
  const source = path.join(root, 'functions/shared/pages/assets');
  const govuk = path.join(root, 'node_modules/govuk-frontend/dist/govuk');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const { css } = sass.compile(path.join(source, 'hearth.scss'), {
    style: 'compressed',
    importers: [new sass.NodePackageImporter(root)],
    quietDeps: true,
  });
  writeFileSync(path.join(outDir, 'hearth.css'), css);
  cpSync(
    path.join(govuk, 'govuk-frontend.min.js'),
    path.join(outDir, 'govuk-frontend.min.js'),
  );
  cpSync(path.join(source, 'init.mjs'), path.join(outDir, 'init.mjs'));
  cpSync(path.join(govuk, 'assets/images'), path.join(outDir, 'images'), {
    recursive: true,
  });
  cpSync(
    path.join(govuk, 'assets/manifest.json'),
    path.join(outDir, 'manifest.json'),
  );
  return outDir;
}
