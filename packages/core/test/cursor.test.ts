import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../src/errors.ts';
import { decodeCursor, encodeCursor } from '../src/store/cursor.ts';

describe('pagination cursors', () => {
  const query = { index: 'GSI1', partitionKey: 'PROVINCE#IR-13#PROJECT' };
  const position = { pk: 'PROJECT#01', sk: 'PROJECT', gsi1pk: 'PROVINCE#IR-13#PROJECT', gsi1sk: '01' };

  it('round-trip for the same query', () => {
    expect(decodeCursor('s', query, encodeCursor('s', query, position))).toEqual(position);
  });

  it('cannot be used with another query, edited, or signed with another secret', () => {
    const cursor = encodeCursor('s', query, position);
    expect(() => decodeCursor('s', { ...query, partitionKey: 'PROVINCE#IR-19#PROJECT' }, cursor)).toThrow(InvalidCursorError);
    const [payload, sig] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), p: { pk: 'DONATION#x' } })).toString('base64url');
    expect(() => decodeCursor('s', query, `${forged}.${sig}`)).toThrow(InvalidCursorError);
    expect(() => decodeCursor('other', query, cursor)).toThrow(InvalidCursorError);
    for (const junk of ['', '.', 'abc', 'a.b.c', '%%%.%%%']) expect(() => decodeCursor('s', query, junk)).toThrow(InvalidCursorError);
  });
});
