/**
 * How big the drills are. `DRILL_PROFILE` unset (or `full`) is `npm run drill` as documented
 * in docs/drills.md, unchanged. `DRILL_PROFILE=ci` is what `.ci/run` runs: the same five
 * faults and every check, smaller, so that the CI stage stays under 7 minutes on 2 cores:
 *
 *   kill    the same 100 groups and a kill every 4 s; the two bursts of 1,000 posts 30 s
 *           apart instead of a minute, so the loop is shorter: at least 6 kills instead of
 *           10 (one of them of the planner's holder, as in the full drill)
 *   db      the same 100 groups and 15 s down; one burst of 1,000 posts instead of two
 *   outage  a 1-minute outage instead of 10; posts for 3 minutes (outage + 2) instead of
 *           outage + 4; the same 60 groups and the 410 endpoint
 *   input   the same 1,000 requests, three rounds and memory limit; no extra rounds after
 *           the third (they only refine the RSS reading, which does not decide)
 *   clock   unchanged (it takes about 20 s)
 *
 * and posts fall due 30 s after the setup, on a full second (the rules then carry BYSECOND),
 * instead of on the first full minute at least 45 or 60 s after it: no drill waits for the
 * minute to turn. DRILL_KILL_EVERY_MS, DRILL_DB_DOWN_MS and DRILL_OUTAGE_MINUTES override
 * either profile.
 */
export type ProfileName = 'full' | 'ci';

export interface Profile {
  name: ProfileName;
  /** When a drill's first posts fall due: at least `leadMs` from now, on a full minute (full) or a full second (ci). */
  firstDue(leadMs: number): number;
  kill: { groups: number; bursts: number; perBurst: number; burstEveryMs: number; leadMs: number; killEveryMs: number; minKills: number };
  db: { groups: number; bursts: number; perBurst: number; leadMs: number; downMs: number };
  outage: { minutes: number; groups: number; postMinutes: (outageMinutes: number) => number; leadMs: number };
  input: { extraRounds: number };
}

/** The first full minute at least `leadMs` from now. */
const nextMinute = (leadMs: number) => Math.ceil((Date.now() + leadMs) / 60_000) * 60_000;
/** The first full second at least `leadMs` from now. */
const nextSecond = (leadMs: number) => Math.ceil((Date.now() + leadMs) / 1000) * 1000;

const PROFILES: Record<ProfileName, Profile> = {
  full: {
    name: 'full',
    firstDue: nextMinute,
    kill: { groups: 100, bursts: 2, perBurst: 10, burstEveryMs: 60_000, leadMs: 60_000, killEveryMs: 4000, minKills: 10 },
    db: { groups: 100, bursts: 2, perBurst: 10, leadMs: 60_000, downMs: 15_000 },
    outage: { minutes: 10, groups: 60, postMinutes: (m) => m + 4, leadMs: 45_000 },
    input: { extraRounds: 30 },
  },
  ci: {
    name: 'ci',
    firstDue: nextSecond,
    kill: { groups: 100, bursts: 2, perBurst: 10, burstEveryMs: 30_000, leadMs: 30_000, killEveryMs: 4000, minKills: 6 },
    db: { groups: 100, bursts: 1, perBurst: 10, leadMs: 30_000, downMs: 15_000 },
    outage: { minutes: 1, groups: 60, postMinutes: (m) => m + 2, leadMs: 30_000 },
    input: { extraRounds: 0 },
  },
};

function pick(): Profile {
  const name = (process.env.DRILL_PROFILE ?? '').trim() || 'full';
  if (!Object.hasOwn(PROFILES, name)) throw new Error(`DRILL_PROFILE=${name}: expected ${Object.keys(PROFILES).join(' or ')}`);
  return PROFILES[name as ProfileName];
}

export const profile: Profile = pick();

/** A number from the environment, else the profile's. */
export const envNumber = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
