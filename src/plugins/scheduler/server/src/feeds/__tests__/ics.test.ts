// ical.js is the independent oracle: a real client's parser reads what we write.
const ICAL = require('ical.js');
import { fold, serialize, text, utc } from '../ics';

const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');
const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('text', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b;c', 'a\\,b\\;c'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines\r\nthree\rfour', 'two\\nlines\\nthree\\nfour'],
    ['bell\u0007tab\tkept', 'belltab\tkept'],
    ['早报，今天；好', '早报，今天；好'],
  ])('%j → %j', (input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it.each(['a,b;c\\d\ne', '第1条：读完一章书, 写下三点收获;\n\n然后分享\\完成', ';;,,\\\\\n\n'])(
    'round-trips %j through ical.js',
    (value) => {
      const ics = serialize({ name: 'VCALENDAR', properties: [{ name: 'SUMMARY', value: text(value) }] });
      const comp = new ICAL.Component(ICAL.parse(ics));
      expect(comp.getFirstPropertyValue('summary')).toBe(value);
    }
  );
});

describe('utc', () => {
  it.each([
    ['2026-12-02T00:00:00.000Z', '20261202T000000Z'],
    ['2026-03-08T13:05:09.999Z', '20260308T130509Z'],
  ])('%s → %s', (iso, expected) => expect(utc(new Date(iso))).toBe(expected));
  it('refuses an invalid date', () => expect(() => utc(new Date('x'))).toThrow(RangeError));
});

describe('fold', () => {
  const cases: [string, string][] = [
    ['short', 'SUMMARY:hello'],
    ['exactly 75', `X:${'a'.repeat(73)}`],
    ['76', `X:${'a'.repeat(74)}`],
    ['long ascii', `DESCRIPTION:${'abcdefghij'.repeat(40)}`],
    ['chinese (3 octets each)', `DESCRIPTION:${'今天的打卡任务是读完一章书并写下三点收获'.repeat(12)}`],
    ['mixed, offset by one', `DESCRIPTION:a${'早报·晚报'.repeat(50)}`],
    ['emoji (4 octets, surrogate pairs)', `SUMMARY:${'✓😀'.repeat(40)}`],
  ];
  it.each(cases)('%s: lines ≤ 75 octets, unfolds to the original, characters whole', (_name, line) => {
    const folded = fold(line);
    const physical = folded.split('\r\n');
    for (const l of physical) expect(octets(l)).toBeLessThanOrEqual(75);
    for (const l of physical.slice(1)) expect(l.startsWith(' ')).toBe(true);
    // No character cut: every physical line is valid UTF-8 on its own.
    for (const l of physical)
      expect(Buffer.from(Buffer.from(l, 'utf8').toString('utf8'), 'utf8').equals(Buffer.from(l, 'utf8'))).toBe(true);
    for (const l of physical) expect(l).not.toContain('\uFFFD');
    expect(unfold(folded)).toBe(line);
    if (octets(line) <= 75) expect(physical).toHaveLength(1);
    else expect(physical.length).toBeGreaterThan(1);
  });

  it('a folded Chinese value reads back whole in ical.js', () => {
    const value = `${'第1条：今天的打卡任务是读完一章书并写下三点收获，然后在群里分享。'.repeat(10)}😀`;
    const ics = serialize({ name: 'VCALENDAR', properties: [{ name: 'DESCRIPTION', value: text(value) }] });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    for (const l of ics.split('\r\n')) expect(octets(l)).toBeLessThanOrEqual(75);
    expect(new ICAL.Component(ICAL.parse(ics)).getFirstPropertyValue('description')).toBe(value);
  });
});
