import { encodeCursor, readCursor } from '../cursor';

describe('keyset cursors', () => {
  it('read back the key they were made from', () => {
    const key = { dueAt: new Date('2027-06-01T08:00:00.123Z'), id: 4711 };
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(readCursor(cursor)).toEqual(key);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['empty', ''],
    ['a JSON object', Buffer.from('{"a":1}').toString('base64url')],
    ['three numbers', Buffer.from('[1,2,3]').toString('base64url')],
    ['a negative id', Buffer.from('[1,-2]').toString('base64url')],
    ['a fraction', Buffer.from('[1.5,2]').toString('base64url')],
    ['a string inside', Buffer.from('["1",2]').toString('base64url')],
  ])('%s is no cursor', (_name, cursor) => {
    expect(readCursor(cursor)).toBeNull();
  });
});
