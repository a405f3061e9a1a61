import type { Policy } from '../policy.js';
import { code2024 } from './code-2024.js';
import { lhp2022 } from './lhp-2022.js';
import { liveWest2025 } from './livewest-2025.js';
import { livin2020 } from './livin-2020.js';
import { livinLeaflet } from './livin-leaflet.js';
import { livv2018 } from './livv-2018.js';

export { code2024, lhp2022, liveWest2025, livin2020, livinLeaflet, livv2018 };

/**
 * The policies Hearth ships: the Code defaults first, then the landlord
 * policies it was specified from (shared/seeds), each as written.
 */
export const presets: readonly Policy[] = [
  code2024,
  livv2018,
  livin2020,
  liveWest2025,
  livinLeaflet,
  lhp2022,
];

/**
 * The preset with this id, if there is one.
 *
 * @example
 * presetById('livewest-2025')?.landlord; // 'LiveWest'
 * presetById('nope'); // undefined
 */
export function presetById(id: string): Policy | undefined {
  return presets.find((p) => p.id === id);
}
