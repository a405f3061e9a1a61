/**
 * POST /staff/complaints/{reference}/escalation: the domain's escalation commands
 * on one complaint, for officers and managers (functions/shared/staff.ts).
 */
import { staffCommandHandler } from '../shared/staff.js';

export const handler = staffCommandHandler('escalation');
