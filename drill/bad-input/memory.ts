/** The server's RSS: read from /proc, sampled through the rounds to see major GCs, and the rule that memory stays flat. */
import fs from 'fs';
import type { BadInputOptions, DrillRow } from './types';

export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m0 = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!m0) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m0[1]) / 1024;
}

/**
 * VmRSS every 100 ms, tagged with the round it was taken in. A fall of 30 MB or more below
 * the highest RSS since the previous one is a major GC; its floor is the lowest RSS in the
 * 3 s after it (V8 hands pages back over a moment).
 */
export class RssSampler {
  round = 0;
  readonly collections: { round: number; floor: number }[] = [];
  private samples: { round: number; mb: number }[] = [];
  private high = 0;
  private open: { round: number; floor: number; left: number } | null = null;
  private timer: NodeJS.Timeout;
  constructor(private pid: number) {
    this.timer = setInterval(() => this.take(), 100);
    this.timer.unref?.();
  }
  private take() {
    let mb: number;
    try {
      mb = rssMb(this.pid);
    } catch {
      return; // the process is gone: the requests will say so
    }
    this.samples.push({ round: this.round, mb });
    if (this.round < 1) return;
    if (this.open) {
      this.open.floor = Math.min(this.open.floor, mb);
      if (--this.open.left <= 0) {
        this.collections.push({ round: this.open.round, floor: this.open.floor });
        this.high = mb;
        this.open = null;
      }
    } else if (mb < this.high - 30) {
      this.open = { round: this.round, floor: mb, left: 30 };
    } else {
      this.high = Math.max(this.high, mb);
    }
  }
  min(from: number, to = Infinity) {
    return Math.min(...this.samples.filter((x) => x.round >= from && x.round <= to).map((x) => x.mb));
  }
  max() {
    return Math.max(...this.samples.map((x) => x.mb));
  }
  /** Wait for an open collection's floor. */
  async settle() {
    while (this.open) await new Promise((r) => setTimeout(r, 100));
  }
  stop() {
    clearInterval(this.timer);
  }
}

/** The limit on what the server still holds after a full GC, over all rounds: 3,000 requests leaking 3.5 KB each fail it (measured: +1.3 MB over 3 rounds, +2.8 MB over 15). */
export const MAX_RETAINED_GROWTH_MB = 10;

/**
 * Memory stays flat: what the server holds after a full GC (V8 heap plus buffers) grows by
 * less than MAX_RETAINED_GROWTH_MB from the warm-up to the last round. RSS is reported
 * beside it, with its own reading (within the limit after round 3; else, after the extra
 * rounds, back within it or post-GC floors rising less), but RSS cannot decide alone: V8
 * keeps pages after a major GC, so the floor under its sawtooth moves without a leak.
 */
export function memoryRow(
  o: BadInputOptions,
  rss0: number,
  rss: number[],
  sampler: RssSampler,
  retained: { before: number; after: number }
): DrillRow {
  const growth = rss[2] - rss[0];
  const r3 = `RSS after warm-up ${rss0.toFixed(1)} MB, after rounds 1/2/3 ${rss
    .slice(0, 3)
    .map((x) => x.toFixed(1))
    .join(' / ')} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB)`;
  let rssOk = growth < o.maxRssGrowthMb;
  let rssFound = r3;
  if (!rssOk && o.extraRounds === 0) {
    rssFound = `${r3}; no extra rounds (extraRounds 0, as DRILL_PROFILE=ci runs it)`;
  } else if (!rssOk) {
    const low = sampler.min(4);
    const gcs = sampler.collections;
    const more = `; ${rss.length - 3} more rounds (RSS after each ${rss
      .slice(3)
      .map((x) => x.toFixed(0))
      .join(' / ')} MB, peak ${sampler.max().toFixed(0)} MB)`;
    if (low - rss[0] < o.maxRssGrowthMb) {
      rssOk = true;
      rssFound = `${r3}${more}: back down to ${low.toFixed(1)} MB`;
    } else if (gcs.length >= 2) {
      const rise = gcs[gcs.length - 1].floor - gcs[0].floor;
      rssOk = rise < o.maxRssGrowthMb;
      rssFound = `${r3}${more}: floors after major GCs ${gcs.map((g) => `${g.floor.toFixed(0)} MB (round ${g.round})`).join(', ')}: ${rise >= 0 ? '+' : ''}${rise.toFixed(1)} MB`;
    } else {
      rssFound = `${r3}${more}: lowest ${low.toFixed(1)} MB; ${gcs.length} major GC seen`;
    }
  }
  const kept = retained.after - retained.before;
  const ok = kept < MAX_RETAINED_GROWTH_MB;
  return {
    what: `memory stays flat: held after a full GC grows < ${MAX_RETAINED_GROWTH_MB} MB over ${rss.length} rounds (RSS beside it)`,
    tried: rss.length,
    found: `after a full GC ${retained.before.toFixed(1)} MB after warm-up, ${retained.after.toFixed(1)} MB after round ${rss.length} (${kept >= 0 ? '+' : ''}${kept.toFixed(1)} MB); ${rssFound}${rssOk ? '' : ' (RSS alone would have failed it)'}`,
    ok,
  };
}
