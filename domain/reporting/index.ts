/**
 * The Board's complaint figures from complaints (Code 8–9; TSMs CH01 and
 * CH02; themes and learning): pure counts under cited, versioned reporting
 * rules, ready to render.
 */

export type {
  AnnualReport,
  AnnualReportInput,
  LearningItem,
  LearningTheme,
  OmbudsmanDetermination,
  TsmLine,
} from './annual-report.js';
export { annualReport, textTable } from './annual-report.js';
export {
  inPeriod,
  type LearningFact,
  learningOf,
  type RefusalFact,
  refusalsOf,
  type StageFacts,
  stageFacts,
} from './facts.js';
export { followThroughStatus, serviceLearning } from './learning.js';
export type * from './model.js';
export { boardFigures, stockFor } from './report.js';
export type {
  Ch02Basis,
  FigureSourcing,
  ReportingCitation,
  ReportingPeriod,
  ReportingRuleKey,
  ReportingRules,
  SourceStatus,
  TsmFigure,
} from './rules.js';
export {
  figureSourcing,
  reportingYear,
  tsm2024,
  tsmFigureRules,
} from './rules.js';
export type {
  Approval,
  ApprovalProblem,
  ApproveResult,
  SelfAssessment,
  SelfAssessmentAnswer,
  SelfAssessmentInput,
  SelfAssessmentRow,
} from './self-assessment.js';
export {
  approvalProblems,
  approve,
  selfAssessment,
} from './self-assessment.js';
export { complaintThemes, covered, previousPeriod } from './themes.js';
export {
  acknowledgeTimeliness,
  evidenceRequestTimeliness,
  openAt,
  openAtPeriodEnd,
  overdueAtPeriodEnd,
  respondTimeliness,
} from './timeliness.js';
export {
  ch01,
  ch02,
  perThousand,
  receivedInPeriod,
  respondedInPeriod,
  shareOf,
  targetTimescales,
  withinBase,
  withinExtension,
} from './tsm.js';
export {
  complaintDecision,
  complaintVolumes,
  escalationRate,
  monthsOf,
  refusalsByReason,
  remediesByKind,
  stageOutcomes,
  uncategorised,
} from './volumes.js';
