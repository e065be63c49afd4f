/**
 * One progress line for a long wait: done / total, rate, time left. On a TTY it rewrites
 * itself (\r); otherwise (CI, a log file) it prints a line every few seconds.
 */
const tty = Boolean(process.stdout.isTTY);
const LINE_EVERY_MS = Number(process.env.BENCH_PROGRESS_MS ?? 5000);

const fmtSeconds = (s: number) => {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${String(Math.ceil(s % 60)).padStart(2, '0')} s`;
};

export interface Progress {
  update(done: number): void;
  /** Ends the line (always prints the final state once). */
  end(note?: string): void;
}

export function progress(label: string, total: number, unit = 'posts'): Progress {
  const start = Date.now();
  let lastLine = 0;
  let last = 0;
  const line = (done: number) => {
    const elapsed = (Date.now() - start) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = rate > 0 ? (total - done) / rate : Infinity;
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    // A timed run (unit 's') has no rate of its own: its time left is the rest of its duration.
    const speed = unit === 's' ? '' : `${rate.toFixed(0)}/s, `;
    return `  ${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} ${unit} (${pct}%), ${speed}${done >= total ? 'done' : `${fmtSeconds(left)} left`}, ${fmtSeconds(elapsed)} elapsed`;
  };
  return {
    update(done) {
      last = done;
      const now = Date.now();
      if (tty) {
        if (now - lastLine < 200) return;
        lastLine = now;
        process.stdout.write(`\r${line(done)}\x1b[K`);
      } else if (now - lastLine >= LINE_EVERY_MS) {
        lastLine = now;
        process.stdout.write(`${line(done)}\n`);
      }
    },
    end(note) {
      const text = `${line(last)}${note ? ` — ${note}` : ''}`;
      process.stdout.write(tty ? `\r${text}\x1b[K\n` : `${text}\n`);
    },
  };
}

/** Waits until `count()` reaches `total` (or the deadline), showing progress. Returns the final count. */
export async function waitFor(
  label: string,
  total: number,
  count: () => number | Promise<number>,
  opts: { timeoutMs: number; pollMs?: number; unit?: string }
): Promise<number> {
  const bar = progress(label, total, opts.unit);
  const deadline = Date.now() + opts.timeoutMs;
  let done = await count();
  while (done < total && Date.now() < deadline) {
    bar.update(done);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 250));
    done = await count();
  }
  bar.update(done);
  bar.end(done < total ? `TIMED OUT after ${fmtSeconds(opts.timeoutMs / 1000)}` : undefined);
  return done;
}
