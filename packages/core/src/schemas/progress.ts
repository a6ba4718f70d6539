import * as z from 'zod';
import { isoDateTime, percentInput, persianNote } from './common.ts';
import { reportedOutputs } from './output.ts';

/** POST /projects/{id}/progress: a field report of physical progress, kept as history. */
export const progressReportInput = z.strictObject({
  progressPercent: percentInput,
  /** Free text of several lines, as observed on the site. */
  note: persianNote(1000).optional(),
  /** When the progress was observed; defaults to the time the report is received. */
  reportedAt: isoDateTime.optional(),
  /** Outputs delivered so far: each replaces its indicator's `actual` on the project (when this is its latest report). */
  outputs: reportedOutputs.optional(),
});
export type ProgressReportInput = z.input<typeof progressReportInput>;
export type ProgressReportFields = z.output<typeof progressReportInput>;
