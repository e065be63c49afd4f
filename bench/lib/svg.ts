/**
 * The lateness chart, hand-written SVG (no chart library): one cumulative distribution line
 * per configuration, x = lateness in seconds on a log scale (the cron-tick side waits up to
 * a minute, ours well under a second), y = share of posts arrived by then. A dashed
 * vertical line marks the 2 s goal for p99.
 */
export interface Series {
  label: string;
  /** Lateness in seconds, ascending. */
  seconds: number[];
  dashed?: boolean;
}

const COLORS = ['#1f77b4', '#2ca02c', '#9467bd', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#d62728', '#ff7f0e'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const dash = (dashed?: boolean) => (dashed ? ' stroke-dasharray="7,4"' : '');

/** The document, its white ground, title and subtitle. */
function opening(W: number, H: number, left: number, title: string, subtitle?: string): string[] {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${left}" y="24" font-size="15" font-weight="600">${esc(title)}</text>`,
  ];
  if (subtitle) out.push(`<text x="${left}" y="42" fill="#555">${esc(subtitle)}</text>`);
  return out;
}

/** One series' line and its legend entry (the i-th, right of the plot at x). */
function seriesLine(points: string, i: number, x: number, top: number, label: string, dashed?: boolean): string[] {
  const color = COLORS[i % COLORS.length];
  const ly = top + 8 + i * 20;
  return [
    `<polyline fill="none" stroke="${color}" stroke-width="2"${dash(dashed)} points="${points}"/>`,
    `<line x1="${x + 16}" y1="${ly}" x2="${x + 44}" y2="${ly}" stroke="${color}" stroke-width="2"${dash(dashed)}/>`,
    `<text x="${x + 50}" y="${ly + 4}">${esc(label)}</text>`,
  ];
}

export function latenessSvg(series: Series[], opts: { title: string; subtitle?: string; goalSeconds?: number }): string {
  const W = 980;
  const H = 500;
  const m = { left: 64, right: 330, top: 58, bottom: 54 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const all = series.flatMap((s) => s.seconds).filter((x) => Number.isFinite(x));
  const lo = 0.01;
  const maxSeen = Math.max(1, ...all);
  const decades = [0.01, 0.1, 1, 10, 100, 1000].filter((d, i, a) => i === 0 || a[i - 1] < maxSeen);
  const hi = decades[decades.length - 1];
  const x = (s: number) => m.left + ((Math.log10(Math.max(lo, s)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * pw;
  const y = (share: number) => m.top + (1 - share) * ph;
  const out = opening(W, H, m.left, opts.title, opts.subtitle);
  // Grid and axes.
  for (let d = 0; d < decades.length; d++) {
    const dec = decades[d];
    out.push(`<line x1="${x(dec)}" y1="${m.top}" x2="${x(dec)}" y2="${m.top + ph}" stroke="#ddd"/>`);
    out.push(`<text x="${x(dec)}" y="${m.top + ph + 18}" text-anchor="middle">${dec >= 1 ? dec : dec.toString()} s</text>`);
    if (d + 1 < decades.length)
      for (const k of [2, 5]) out.push(`<line x1="${x(dec * k)}" y1="${m.top}" x2="${x(dec * k)}" y2="${m.top + ph}" stroke="#f0f0f0"/>`);
  }
  for (const share of [0, 0.25, 0.5, 0.75, 0.9, 1]) {
    out.push(`<line x1="${m.left}" y1="${y(share)}" x2="${m.left + pw}" y2="${y(share)}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 8}" y="${y(share) + 4}" text-anchor="end">${Math.round(share * 100)}%</text>`);
  }
  // p99: a dotted line, labelled inside the plot (too close to 100% for the axis).
  out.push(`<line x1="${m.left}" y1="${y(0.99)}" x2="${m.left + pw}" y2="${y(0.99)}" stroke="#999" stroke-dasharray="2,3"/>`);
  out.push(`<text x="${m.left + 4}" y="${y(0.99) + 13}" fill="#777" font-size="11">p99</text>`);
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  out.push(
    `<text x="${m.left + pw / 2}" y="${H - 14}" text-anchor="middle">lateness: arrival at the receiver − due time (seconds, log scale)</text>`
  );
  out.push(`<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">posts arrived (cumulative share)</text>`);
  if (opts.goalSeconds) {
    out.push(
      `<line x1="${x(opts.goalSeconds)}" y1="${m.top}" x2="${x(opts.goalSeconds)}" y2="${m.top + ph}" stroke="#444" stroke-width="1.5" stroke-dasharray="6,4"/>`
    );
    out.push(`<text x="${x(opts.goalSeconds) + 4}" y="${m.top + 14}" fill="#444">goal: p99 &lt; ${opts.goalSeconds} s</text>`);
  }
  // One step line per series (at most ~400 points each).
  series.forEach((s, i) => {
    const n = s.seconds.length;
    if (!n) return;
    const step = Math.max(1, Math.floor(n / 400));
    const pts: string[] = [`${x(s.seconds[0]).toFixed(1)},${y(0).toFixed(1)}`];
    for (let k = 0; k < n; k += step) pts.push(`${x(s.seconds[k]).toFixed(1)},${y((k + 1) / n).toFixed(1)}`);
    pts.push(`${x(s.seconds[n - 1]).toFixed(1)},${y(1).toFixed(1)}`);
    out.push(...seriesLine(pts.join(' '), i, m.left + pw, m.top, s.label, s.dashed));
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

export interface Curve {
  label: string;
  /** [x, y] points, x ascending. */
  points: [number, number][];
  dashed?: boolean;
}

/**
 * Cost curves (bench:scale): x on a log scale (groups, rows), y linear from 0, one polyline
 * with dots per series. A flat line is a cost that follows the work, not the size.
 */
export function curvesSvg(curves: Curve[], opts: { title: string; subtitle?: string; xLabel: string; yLabel: string }): string {
  const W = 980;
  const H = 460;
  const m = { left: 72, right: 300, top: 58, bottom: 54 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const xs = curves.flatMap((c) => c.points.map((p) => p[0])).filter((v) => v > 0);
  const ys = curves.flatMap((c) => c.points.map((p) => p[1])).filter((v) => Number.isFinite(v));
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...xs, 10))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...xs, 100))));
  const top = niceCeil(Math.max(...ys, 0.001) * 1.1);
  const x = (v: number) => m.left + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * pw;
  const y = (v: number) => m.top + (1 - v / top) * ph;
  const out = opening(W, H, m.left, opts.title, opts.subtitle);
  for (let d = lo; d <= hi; d *= 10) {
    out.push(`<line x1="${x(d)}" y1="${m.top}" x2="${x(d)}" y2="${m.top + ph}" stroke="#ddd"/>`);
    out.push(`<text x="${x(d)}" y="${m.top + ph + 18}" text-anchor="middle">${d.toLocaleString('en-US')}</text>`);
  }
  for (let k = 0; k <= 4; k++) {
    const v = (top * k) / 4;
    out.push(`<line x1="${m.left}" y1="${y(v)}" x2="${m.left + pw}" y2="${y(v)}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 8}" y="${y(v) + 4}" text-anchor="end">${+v.toPrecision(3)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${H - 14}" text-anchor="middle">${esc(opts.xLabel)}</text>`);
  out.push(`<text transform="translate(18 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(opts.yLabel)}</text>`);
  curves.forEach((c, i) => {
    const pts = c.points.filter((p) => p[0] > 0 && Number.isFinite(p[1]));
    out.push(
      ...seriesLine(pts.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' '), i, m.left + pw, m.top, c.label, c.dashed)
    );
    const color = COLORS[i % COLORS.length];
    for (const p of pts) out.push(`<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="3" fill="${color}"/>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** 1, 2 or 5 times a power of ten, at least v. */
function niceCeil(v: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  return ([1, 2, 5, 10].find((k) => k * p >= v) ?? 10) * p;
}
