/**
 * Stream sequence numbers are decimal strings of 21 to 40 digits: wider than a DynamoDB
 * number (38 digits) and wrong to compare as text when lengths differ. Padded to 40 digits
 * they compare correctly as strings, in code and in condition expressions alike.
 */
export const SEQUENCE_WIDTH = 40;

export function padSequence(sequenceNumber: string): string {
  if (!/^\d{1,40}$/.test(sequenceNumber)) throw new Error(`not a sequence number: ${sequenceNumber}`);
  return sequenceNumber.padStart(SEQUENCE_WIDTH, '0');
}

export function compareSequences(a: string, b: string): number {
  const pa = padSequence(a);
  const pb = padSequence(b);
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** Digits of a part's number in a mark: one record's change to one scope goes in at most 999 updates. */
export const PART_WIDTH = 3;
export const MAX_PARTS = 10 ** PART_WIDTH - 1;

/**
 * The mark left by part `part` (from 1) of one record's change to one scope, when that change
 * names more counters than one update may (apply-stream-batch.ts): `<padded sequence>.<part>`,
 * e.g. `…0093.001`. It orders as a position within the record, in code and in condition
 * expressions alike (both compare strings by code unit, here ASCII bytes): `S < S.001 < S.002 <
 * … < S.999 < S'` for every later S', because a mark is always 40 digits before any `.`, so S'
 * differs from S at a digit among the first 40, and `.` (0x2E) sorts before every digit.
 */
export function partSequence(sequenceNumber: string, part: number): string {
  if (!Number.isInteger(part) || part < 1 || part > MAX_PARTS) throw new Error(`not a part number: ${part}`);
  return `${padSequence(sequenceNumber)}.${String(part).padStart(PART_WIDTH, '0')}`;
}
