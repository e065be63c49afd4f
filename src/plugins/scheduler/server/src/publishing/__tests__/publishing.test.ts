import { afterRun, cancelDecision, checkRequest, failureReason, publicationKey, type PublicationContext } from '..';

const REPORT = 'api::daily-report.daily-report';
const now = new Date('2026-12-02T06:00:00.000Z');
const ctx: PublicationContext = {
  now,
  types: { [REPORT]: { localized: true }, 'api::plain.plain': { localized: false } },
  locales: ['en', 'zh-Hans'],
  defaultLocale: 'en',
};
const ok = { uid: REPORT, documentId: 'abc123', locale: 'zh-Hans', action: 'publish', at: '2026-12-03T08:00:00+08:00' };

describe('checkRequest', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['not an editorial type', { uid: 'api::group.group' }, 'uid'],
    ['no uid', { uid: undefined }, 'uid'],
    ['no documentId', { documentId: undefined }, 'documentId'],
    ['a documentId that is not one', { documentId: 'a b' }, 'documentId'],
    ['an unknown locale', { locale: 'fr' }, 'locale'],
    ['a locale for a non-localized type', { uid: 'api::plain.plain', locale: 'en' }, 'locale'],
    ['an unknown action', { action: 'delete' }, 'action'],
    ['no offset', { at: '2026-12-03T08:00:00' }, 'at'],
    ['a date only', { at: '2026-12-03' }, 'at'],
    ['not a date', { at: 'tomorrow 8' }, 'at'],
    ['more than a minute ago', { at: '2026-12-02T05:58:59Z' }, 'at'],
  ])('%s: 400 naming %s', (_name, over, field) => {
    expect(checkRequest({ ...ok, ...over }, ctx)).toMatchObject({ ok: false, field });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['an offset, stored as UTC', {}, { locale: 'zh-Hans', at: new Date('2026-12-03T00:00:00.000Z') }],
    ['no locale: the default one', { locale: undefined }, { locale: 'en' }],
    ['a non-localized type: null', { uid: 'api::plain.plain', locale: null }, { locale: null }],
    ['within the minute past: runs at once', { at: '2026-12-02T05:59:30Z' }, { at: new Date('2026-12-02T05:59:30Z') }],
    ['unpublish', { action: 'unpublish' }, { action: 'unpublish' }],
  ])('%s', (_name, over, expected) => {
    const r = checkRequest({ ...ok, ...over }, ctx);
    expect(r.ok && r.value).toMatchObject(expected);
  });
});

describe('publicationKey', () => {
  const r = { uid: REPORT, documentId: 'abc', locale: 'zh-Hans', action: 'publish' as const, at: new Date('2026-12-03T00:00:00Z') };
  it('is the same for the same instant in any offset, and differs by locale and action', () => {
    expect(publicationKey(r)).toBe(`${REPORT}|abc|zh-Hans|publish|2026-12-03T00:00:00.000Z`);
    expect(publicationKey({ ...r, locale: null })).toBe(`${REPORT}|abc|-|publish|2026-12-03T00:00:00.000Z`);
    expect(publicationKey({ ...r, action: 'unpublish' })).not.toBe(publicationKey(r));
  });
});

describe('cancelDecision', () => {
  it.each([
    ['planned', 'cancel'],
    ['cancelled', 'already'],
    ['running', 'conflict'],
    ['done', 'conflict'],
    ['failed', 'conflict'],
  ] as const)('%s: %s', (status, expected) => expect(cancelDecision(status)).toBe(expected));
});

describe('afterRun and failureReason', () => {
  it('success: done, no reason', () => {
    expect(afterRun({ ok: true }, now)).toEqual({ status: 'done', reason: null, doneAt: now });
  });
  it.each<[string, unknown, string]>([
    ['a plain error', new Error('the entry x no longer exists'), 'the entry x no longer exists'],
    [
      "a validation error's fields",
      Object.assign(new Error('1 error occurred'), { details: { errors: [{ path: ['date'], message: 'date must be defined.' }] } }),
      '1 error occurred (date: date must be defined.)',
    ],
    ['no URL, one line', new Error('failed at https://x.example/k?key=1\n  again'), 'failed at [URL] again'],
    ['bounded', new Error('x'.repeat(400)), `${'x'.repeat(299)}…`],
  ])('failure, %s', (_name, err, reason) => {
    expect(afterRun({ error: err }, now)).toEqual({ status: 'failed', reason, doneAt: now });
    expect(failureReason(err)).toBe(reason);
  });
});
