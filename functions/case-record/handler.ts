/**
 * POST /staff/complaints/{reference}/case-record: the domain's case-record commands
 * on one complaint, for officers and managers (functions/shared/staff.ts).
 */
import { staffCommandHandler } from '../shared/staff.js';

export const handler = staffCommandHandler('case-record');
