import * as z from 'zod';
import { entityMeta, persianText } from './common.ts';

/**
 * Voiding a donation or distribution entered by mistake: the record stays, readable by those
 * who may read it, marked with when, by whom and why; it counts in no figure and can no longer
 * be corrected or voided again.
 */

/** POST /donations/{id}/void, POST /distributions/{id}/void. */
export const voidInput = z.strictObject({
  /** Why the record is voided (a duplicate, a wrong drive, a test entry…). */
  reason: persianText(300),
});
export type VoidInput = z.input<typeof voidInput>;
export type VoidFields = z.output<typeof voidInput>;

/** What a voided record carries; absent on a record that stands. */
export const voidMarks = {
  voidedAt: z.iso.datetime().optional().describe('When the record was voided; a voided record counts in no figure'),
  voidedBy: entityMeta.shape.createdBy.optional().describe('The token subject of who voided it'),
  voidReason: voidInput.shape.reason.optional().describe('Why it was voided'),
};

export interface VoidMarks {
  voidedAt?: string;
  voidedBy?: string;
  voidReason?: string;
}
