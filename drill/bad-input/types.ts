/** Types shared by the bad-input drill's modules: the drill's public ones, and a request, its category and the fixtures it aims at. */
import type { Rng } from './rng';

export type { DrillRow, DrillResult } from '../lib/result';
export interface BadInputContext {
  url: string;
  token: string;
  pid: number;
  /** MB the server holds after a full GC (see tests/helpers/cluster.ts). */
  retainedMb: () => Promise<number>;
  rowCounts: () => Promise<Record<string, number>>;
  log?: (line: string) => void;
  /** Defaults: seed 20261122, 1,000 requests, 200 warm-up, concurrency 8, 15 s per request, 40 MB, up to 30 extra rounds. */
  options?: Partial<BadInputOptions>;
}
export interface BadInputOptions {
  seed: number;
  count: number;
  warmup: number;
  concurrency: number;
  timeoutMs: number;
  maxRssGrowthMb: number;
  /** Rounds beyond the third, only while RSS stays the limit or more above round 1's and fewer than two major GCs were seen. */
  extraRounds: number;
}

export type Category =
  | 'bad-json'
  | 'wrong-content-type'
  | 'wrong-type'
  | 'unknown-field'
  | 'oversized'
  | 'rrule'
  | 'zone'
  | 'date'
  | 'enum'
  | 'range'
  | 'injection'
  | 'query'
  | 'bad-id'
  | 'method';

export interface Req {
  category: Category;
  /** The route as written in the routes file, for the coverage count. */
  endpoint: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The field a 400 must name (in the message, details.errors[].path or details.key/param). */
  field?: string;
}

export interface Fixtures {
  tag: string;
  group: string;
  groupSlug: string;
  course: string;
  lesson: string;
  report: string;
  topic: string;
  channel: string;
  welcome: string;
  playbook: string;
  schedule: string;
}

/** One way to make a malformed request; `weight` sets how often it is drawn beyond its first use. */
export type Gen = { endpoint: string; category: Category; weight?: number; make: (r: Rng, fx: Fixtures) => Req };
/** Registers a generator. */
export type Add = (endpoint: string, category: Category, make: Gen['make'], weight?: number) => void;
