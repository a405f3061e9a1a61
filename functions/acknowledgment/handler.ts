/**
 * POST /staff/complaints/{reference}/acknowledgment: the domain's acknowledgment commands
 * on one complaint, for officers and managers (functions/shared/staff.ts).
 */
import { staffCommandHandler } from '../shared/staff.js';

export const handler = staffCommandHandler('acknowledgment');
