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
