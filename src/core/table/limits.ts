/**
 * The one set of limits on what a dataset may hold. The importer, the editors, share links,
 * workspace files and the loader's validators all read these constants, so nothing can be
 * accepted on the way in that the loader would refuse on the way back (a saved workspace that
 * fails its own check is lost on the next reload). Each number is the one the validators
 * enforced before this file existed; raising one means checking that every saved record within
 * the new limit still loads.
 */

/** Columns in one table: wider exports are refused, not cut (a cut would drop data unseen). */
export const MAX_COLUMNS = 2_000;

/** Rows in one table: more than a browser tab can hold as typed arrays with room to work. */
export const MAX_ROWS = 50_000_000;

/** Stages in one funnel spec: beyond this a funnel cannot be drawn or read. */
export const MAX_STAGES = 100;

/**
 * Characters (UTF-16 units) in a name: a column header, a sheet, a dataset, a stage label, a
 * dimension value used as a key. Longer names are cut to this with a warning, never refused.
 */
export const MAX_NAME_LENGTH = 1_000;

/** Characters (UTF-16 units) in one text cell; longer cells are cut with a warning. */
export const MAX_CELL_LENGTH = 100_000;

/**
 * The earliest day a date column may hold: 1900-01-01 as a day number (days since 1970-01-01
 * UTC; 70 years of 365 days and 17 leap days before 1970). Earlier dates become empty and are
 * counted in the import report.
 */
export const MIN_DAY = -25_567;

/**
 * The latest day a date column may hold: 2200-12-31 (231 years of 365 days and 56 leap days
 * from 1970 to 2201, less one). Later dates (9999-12-31 placeholders) become empty and are
 * counted: a trend over them would otherwise draw a hundred thousand months.
 */
export const MAX_DAY = 84_370;

/**
 * The largest magnitude a number cell may hold: the largest whole number a double stores
 * exactly (9,007,199,254,740,991). Beyond it counts stop adding up exactly, and two cells near
 * the double's end (1e308) add up to Infinity; such cells are left empty and listed instead.
 */
export const MAX_NUMBER = Number.MAX_SAFE_INTEGER;

/** Warnings kept in one import report (the validator's list limit). */
export const MAX_REPORT_WARNINGS = 1_000;

/** Dropped total and footer rows listed in one import report; the rest are only counted. */
export const MAX_REPORT_LINES = 100_000;

/** Characters in one warning's parameter (a value quoted in a message). */
export const MAX_PARAM_LENGTH = 2_000;
