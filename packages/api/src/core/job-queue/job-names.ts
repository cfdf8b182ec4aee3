/**
 * Every job the API runs: one BullMQ queue each (so the `queues` domain is never involved, docs/conventions.md).
 * The values are Redis key parts and rows in `failed_job`: rename one only with a migration of both.
 */
export enum JobName {
  /** Repeatable sweep: PENDING promises past due date + grace become KEPT, PARTIALLY_KEPT or BROKEN. */
  PromiseDueSweep = 'promise-due-sweep',
  /** Repeatable sweep: finds promises owed a reminder (due soon, or just broken) and queues one each. */
  PromiseReminderSweep = 'promise-reminder-sweep',
  /** Sends one reminder about one promise through the channel adapter. */
  PromiseReminder = 'promise-reminder',
  /** Daily at the business-day change: bucket transitions of the accounts that crossed a boundary. */
  AgingRoll = 'aging-roll',
  /** Daily: deletes audit entries past the retention period. */
  AuditRetention = 'audit-retention',
  /** At start and nightly: builds the strategy-analytics tables from the stored facts when they were never built. */
  AnalyticsBuild = 'analytics-build',
  /** A large portfolio import staged by `startImport`. */
  AccountImport = 'account-import',
  /** Repeatable sweep: placements whose recall date has come end, and their accounts come back in-house. */
  PlacementRecall = 'placement-recall',
  /** Repeatable sweep: ANALYZE the tables that changed enough since their statistics were taken. */
  StatisticsRefresh = 'statistics-refresh',
}
