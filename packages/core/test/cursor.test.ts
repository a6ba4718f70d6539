import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../src/errors.ts';
import { decodeCursor, encodeCursor } from '../src/store/cursor.ts';
import { indexKeys, indexPartitions, keys } from '../src/table/keys.ts';

describe('pagination cursors', () => {
  const query = indexPartitions.byProvince('IR-13', 'Project');
  const position = { ...keys.project('01'), ...indexKeys.byProvince('IR-13', 'Project', '01') };

  it('round-trip for the same query', () => {
    expect(decodeCursor('s', query, encodeCursor('s', query, position))).toEqual(position);
  });

  it('cannot be used with another query, edited, or signed with another secret', () => {
    const cursor = encodeCursor('s', query, position);
    expect(() => decodeCursor('s', indexPartitions.byProvince('IR-19', 'Project'), cursor)).toThrow(InvalidCursorError);
    const [payload, sig] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), p: keys.donation('x') })).toString('base64url');
    expect(() => decodeCursor('s', query, `${forged}.${sig}`)).toThrow(InvalidCursorError);
    expect(() => decodeCursor('other', query, cursor)).toThrow(InvalidCursorError);
    for (const junk of ['', '.', 'abc', 'a.b.c', '%%%.%%%']) expect(() => decodeCursor('s', query, junk)).toThrow(InvalidCursorError);
  });
});
