import { applyHourlyCap as pace } from '../hourly-cap';

const t = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('maxPostsPerHour pacing', () => {
  it('leaves posts alone under the cap', () => {
    expect(pace([t('08:00'), t('09:00')], [], 2).map((p) => p.movedFrom)).toEqual([null, null]);
    expect(pace([t('08:00'), t('08:01')], [], null).map((p) => iso(p.at))).toEqual(['08:00', '08:01']);
  });

  it('moves the third post of an hour to when the hour has room', () => {
    // Cap 2: 08:00 and 08:10 fit; 08:20 must wait until 09:00 (an hour after 08:00).
    const out = pace([t('08:00'), t('08:10'), t('08:20')], [], 2);
    expect(out.map((p) => iso(p.at))).toEqual(['08:00', '08:10', '09:00']);
    expect(out[2].movedFrom).toBe(t('08:20'));
  });

  it('counts posts already planned or sent', () => {
    const out = pace([t('08:30')], [t('08:00'), t('08:15')], 2);
    expect(iso(out[0].at)).toBe('09:00');
  });
});
