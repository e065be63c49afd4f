/** The destination allow-list's defaults and its startup check. */
import config, { configFromEnv } from '../config';

/** Strapi's env helper over a plain object, as config/plugins.ts would see the environment. */
function envOf(values: Record<string, string>) {
  const env = (name: string, fallback: string) => values[name] ?? fallback;
  env.bool = (name: string, fallback: boolean) => (values[name] === undefined ? fallback : values[name] === 'true');
  env.int = (name: string, fallback: number) => (values[name] === undefined ? fallback : Number(values[name]));
  return env;
}

describe('SCHEDULER_ALLOWED_DESTINATIONS', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('is empty in production', () => {
    process.env.NODE_ENV = 'production';
    expect(configFromEnv(envOf({})).allowedDestinations).toBe('');
  });

  it('is only the demo receiver outside production', () => {
    process.env.NODE_ENV = 'development';
    expect(configFromEnv(envOf({})).allowedDestinations).toBe('127.0.0.1:4010');
  });

  it('is what the operator sets, also an explicit empty list', () => {
    process.env.NODE_ENV = 'development';
    expect(configFromEnv(envOf({ SCHEDULER_ALLOWED_DESTINATIONS: '' })).allowedDestinations).toBe('');
    expect(configFromEnv(envOf({ SCHEDULER_ALLOWED_DESTINATIONS: '10.0.0.0/8' })).allowedDestinations).toBe('10.0.0.0/8');
  });

  it('a wrong entry stops startup, naming it', () => {
    expect(() => config.validator({ allowedDestinations: '127.0.0.1,http://x' })).toThrow(
      'SCHEDULER_ALLOWED_DESTINATIONS: "http://x" is not a host, an address or a CIDR range (no scheme or path)'
    );
    expect(() => config.validator({ allowedDestinations: '127.0.0.1:4010,10.0.0.0/8' })).not.toThrow();
  });
});

describe('SCHEDULER_TASK_OVERDUE_MINUTES', () => {
  it('is 10 unless set', () => {
    expect(configFromEnv(envOf({})).taskOverdueMinutes).toBe(10);
    expect(configFromEnv(envOf({ SCHEDULER_TASK_OVERDUE_MINUTES: '25' })).taskOverdueMinutes).toBe(25);
  });

  it.each([0, -5, 2.5, Number.NaN])('%p stops startup, naming the variable', (value) => {
    expect(() => config.validator({ taskOverdueMinutes: value })).toThrow('SCHEDULER_TASK_OVERDUE_MINUTES');
  });

  it('accepts a whole number of minutes', () => {
    expect(() => config.validator({ taskOverdueMinutes: 1 })).not.toThrow();
  });
});

describe('SCHEDULER_READINESS_LEAD_HOURS', () => {
  it('is 24 and 2 hours by default, largest first', () => {
    expect(configFromEnv(envOf({})).readinessLeadHours).toEqual([24, 2]);
    expect(configFromEnv(envOf({ SCHEDULER_READINESS_LEAD_HOURS: ' 1, 12 ,0.5,12' })).readinessLeadHours).toEqual([12, 1, 0.5]);
  });

  it.each(['', '24,', 'abc', '0', '-2', '24;2', '2h', '400'])('%p stops startup, naming it', (value) => {
    expect(() => configFromEnv(envOf({ SCHEDULER_READINESS_LEAD_HOURS: value }))).toThrow('SCHEDULER_READINESS_LEAD_HOURS');
  });

  it('an override in config/plugins.ts is checked too', () => {
    expect(() => config.validator({ readinessLeadHours: [] })).toThrow('SCHEDULER_READINESS_LEAD_HOURS');
    expect(() => config.validator({ readinessLeadHours: [0] })).toThrow('SCHEDULER_READINESS_LEAD_HOURS');
    expect(() => config.validator({ readinessLeadHours: [24, 2] })).not.toThrow();
  });
});
