/**
 * Preloaded into an instance (NODE_OPTIONS=--require …) when BENCH_QUERY_TIMING_DIR is set:
 * times every PostgreSQL query (pg's Client#query, call → result) and every better-sqlite3
 * statement run, grouped by the statement's shape, and writes
 * <dir>/queries-<pid>.json on SIGTERM. Queries overlap, so the sum is busy time of the
 * connections, not wall time.
 */
const fs = require('fs');
const path = require('path');

const dir = process.env.BENCH_QUERY_TIMING_DIR;
if (dir) {
  const stats = new Map();
  const shape = (sql) =>
    String(sql)
      .replace(/\$\d+|\?/g, '?')
      .replace(/\(\?(?:, ?\?)+\)/g, '(?…)')
      .replace(/\s+/g, ' ')
      .slice(0, 160);
  const record = (sql, ms) => {
    const k = shape(sql);
    const s = stats.get(k) ?? { n: 0, ms: 0 };
    s.n += 1;
    s.ms += ms;
    stats.set(k, s);
  };
  const start = Date.now();
  try {
    const pg = require(require.resolve('pg', { paths: [process.cwd()] }));
    const orig = pg.Client.prototype.query;
    pg.Client.prototype.query = function (config, values, callback) {
      const sql = typeof config === 'string' ? config : config?.text;
      const t = process.hrtime.bigint();
      const done = () => record(sql, Number(process.hrtime.bigint() - t) / 1e6);
      if (typeof values === 'function' || typeof callback === 'function' || typeof config?.callback === 'function') {
        const cbIndex = typeof values === 'function' ? 1 : 2;
        const args = [config, values, callback];
        const cb = args[cbIndex] ?? config.callback;
        const wrapped = (...a) => {
          done();
          return cb(...a);
        };
        if (typeof values === 'function') return orig.call(this, config, wrapped);
        if (typeof callback === 'function') return orig.call(this, config, values, wrapped);
        config.callback = wrapped;
        return orig.call(this, config, values);
      }
      const p = orig.call(this, config, values);
      if (p && typeof p.then === 'function') p.then(done, done);
      return p;
    };
  } catch {
    // No pg here (a SQLite run): nothing to time.
  }
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    const rows = [...stats.entries()].map(([sql, s]) => ({ sql, n: s.n, ms: Math.round(s.ms) })).sort((a, b) => b.ms - a.ms);
    fs.writeFileSync(
      path.join(dir, `queries-${process.pid}.json`),
      JSON.stringify({ seconds: (Date.now() - start) / 1000, rows }, null, 1)
    );
  };
  process.prependListener('SIGTERM', write);
  process.on('exit', write);
}
