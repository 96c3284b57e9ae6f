/**
 * Rejected requests without an account (issue 9 §9): how they are counted and limited. Pure
 * rules; the counting is in src/app/audit/record-rejection.ts.
 */

/** Rejections are written to the audit log as one row per source, action and reason per window. */
export const REJECTION_WINDOW_MS = 60_000;

/** Past this many rejections of one action from one source in a window, it is answered 429 unchecked. */
export const REJECTIONS_PER_SOURCE_PER_WINDOW = 30;

/**
 * Sources tracked one by one per action and window; rejections from further sources are counted
 * together in one row (a flood from many addresses still writes a bounded number of rows).
 */
export const REJECTION_SOURCES_PER_WINDOW = 50;

export function rejectionWindow(at: Date): number {
  return Math.floor(at.getTime() / REJECTION_WINDOW_MS) * REJECTION_WINDOW_MS;
}
