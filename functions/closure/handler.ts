/**
 * POST /staff/complaints/{reference}/closure: the domain's closure commands
 * on one complaint, for officers and managers (functions/shared/staff.ts).
 */
import { staffCommandHandler } from '../shared/staff.js';

export const handler = staffCommandHandler('closure');
