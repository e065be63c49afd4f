/**
 * Preloaded into an instance (NODE_OPTIONS=--require …; Node 20 refuses --cpu-prof there)
 * when BENCH_CPU_PROF is set: a V8 CPU profile of the whole process, written as
 * <dir>/instance-<pid>.cpuprofile when the process gets SIGTERM (open it in Chrome DevTools
 * or summarise it with bench/lib/profile-summary.ts).
 */
const fs = require('fs');
const path = require('path');
const inspector = require('inspector');

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable', () =>
    session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start'))
  );
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    session.post('Profiler.stop', (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `instance-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.prependListener('SIGTERM', write);
  process.on('exit', write);
}
