/**
 * describe(): English and Chinese, time of day from BYHOUR/BYMINUTE or the start's local
 * time, never the zone. Expected strings are written by hand.
 */
import { parseRecurrence } from '..';

const d = (rule: string, dtstart = '2026-01-01T08:00:00', timezone = 'Asia/Shanghai') =>
  parseRecurrence({ rule, timezone, dtstart }).describe();

describe('describe()', () => {
  it.each([
    ['FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'every day at 08:00', '每天 08:00'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0', 'every weekday at 08:00', '每个工作日 08:00'],
    ['FREQ=DAILY;BYDAY=FR,MO,TU,WE,TH;BYHOUR=8;BYMINUTE=0', 'every weekday at 08:00', '每个工作日 08:00'],
    ['FREQ=WEEKLY;BYDAY=TH,MO;BYHOUR=19;BYMINUTE=30', 'every week on Monday and Thursday at 19:30', '每周一、周四 19:30'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=20;BYMINUTE=0', 'every 2 weeks on Saturday at 20:00', '每2周的周六 20:00'],
    ['FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0', 'every month on day 1 at 09:00', '每月1日 09:00'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=21;BYMINUTE=0', 'every month on the last day at 21:00', '每月最后一天 21:00'],
    [
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYHOUR=18;BYMINUTE=0',
      'every month on the last weekday at 18:00',
      '每月最后一个工作日 18:00',
    ],
    ['FREQ=MONTHLY;BYDAY=1FR;BYHOUR=9;BYMINUTE=0', 'every month on the 1st Friday at 09:00', '每月第1个周五 09:00'],
    ['FREQ=MONTHLY;INTERVAL=3;BYDAY=-1SU', 'every 3 months on the last Sunday at 08:00', '每3个月最后一个周日 08:00'],
    ['FREQ=DAILY;INTERVAL=3;BYHOUR=7;BYMINUTE=15', 'every 3 days at 07:15', '每3天 07:15'],
    ['FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0', 'every day at 08:00 and 20:00', '每天 08:00、20:00'],
    ['FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25;BYHOUR=10;BYMINUTE=0', 'every year on December 25 at 10:00', '每年12月25日 10:00'],
    ['FREQ=DAILY;COUNT=5', 'every day at 08:00, 5 times', '每天 08:00，共5次'],
    ['FREQ=DAILY;UNTIL=20261231T235959', 'every day at 08:00, until 2026-12-31', '每天 08:00，直到 2026-12-31'],
    ['FREQ=WEEKLY', 'every week at 08:00', '每周 08:00'],
    ['FREQ=HOURLY;INTERVAL=2;BYMINUTE=15', 'every 2 hours at :15', '每2小时的第15分钟'],
    [
      'FREQ=HOURLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11',
      'every hour at :00 on weekdays during hours 09:00, 10:00, 11:00',
      '工作日每小时的第0分钟（仅 9点、10点、11点）',
    ],
    ['FREQ=MINUTELY;INTERVAL=15', 'every 15 minutes', '每15分钟'],
  ])('%s', (rule, en, zh) => {
    expect(d(rule)).toEqual({ en, zh });
  });

  it('takes the time of day from the start when BYHOUR/BYMINUTE are absent', () => {
    expect(d('FREQ=DAILY', '2026-01-01T19:45:00')).toEqual({ en: 'every day at 19:45', zh: '每天 19:45' });
    // A start given as an instant is read in the rule's zone: 11:45Z = 19:45 Shanghai.
    expect(d('FREQ=DAILY', '2026-01-01T11:45:00Z')).toEqual({ en: 'every day at 19:45', zh: '每天 19:45' });
  });

  it('an UNTIL in UTC is shown as the local date it falls on', () => {
    // 2026-12-31T20:00Z is 2027-01-01 04:00 in Shanghai.
    expect(d('FREQ=DAILY;UNTIL=20261231T200000Z').en).toBe('every day at 08:00, until 2027-01-01');
  });

  it('falls back to a generic description that still names every part', () => {
    expect(d('FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO')).toEqual({
      en: 'every year in week 20 of the year on Monday at 08:00',
      zh: '每年的一年中的第20周，周一 08:00',
    });
    expect(d('FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13')).toEqual({
      en: 'every month on day 13 of the month on a Friday at 08:00',
      zh: '每月的13日，周五 08:00',
    });
    expect(d('FREQ=MONTHLY;BYDAY=TU,WE,TH;BYSETPOS=3')).toEqual({
      en: 'every month on Tuesday, Wednesday and Thursday (only the 3rd match of each month) at 08:00',
      zh: '每月的周二、周三、周四中的第3个 08:00',
    });
    expect(d('FREQ=YEARLY;BYMONTH=6,7,8;BYDAY=TH;COUNT=10').en).toBe('every year in June, July and August on Thursday at 08:00, 10 times');
  });

  it('all-day rules have no time', () => {
    expect(parseRecurrence({ rule: 'DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1', timezone: 'UTC' }).describe()).toEqual({
      en: 'every month on day 1',
      zh: '每月1日',
    });
  });
});
