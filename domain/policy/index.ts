/**
 * A landlord's complaints policy as data, the presets Hearth ships, the
 * check of the invariants the engine relies on, and the lint that says
 * where a policy departs from the 2024 Code.
 */
export type { Departure, DepartureSeverity } from './lint.js';
export { lintPolicy } from './lint.js';
export type * from './policy.js';
export {
  code2024,
  lhp2022,
  liveWest2025,
  livin2020,
  livinLeaflet,
  livv2018,
  presetById,
  presets,
} from './presets/index.js';
export { validatePolicy } from './validate.js';
