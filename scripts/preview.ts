/**
 * `npm run --silent preview -- --rule '<RRULE or iCalendar block>' [--dtstart 2026-03-01T08:00:00]
 *   --tz America/New_York [--calendar none|cn-workdays|cn-no-holidays] [--from 2026-11-01T00:00:00Z] [--count 10]`
 *
 * Prints one JSON object on stdout. Invalid input: exit code 2, one line on stderr
 * naming the problem, nothing on stdout.
 */
import { CALENDARS, preview, RecurrenceError, type CalendarName } from '../src/plugins/scheduler/server/src/recurrence';

const FLAGS = new Set(['--rule', '--dtstart', '--tz', '--timezone', '--from', '--count', '--calendar']);

function fail(message: string): never {
  process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.includes('=') && arg.startsWith('--') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!FLAGS.has(flag)) fail(`unknown argument ${JSON.stringify(arg)}; expected --rule, --dtstart, --tz, --calendar, --from, --count`);
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`${flag} needs a value`);
    out[flag === '--timezone' ? 'tz' : flag.slice(2)] = value;
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
if (!args.rule) fail('--rule is required');
let count: number | undefined;
if (args.count !== undefined) {
  count = Number(args.count);
  if (!Number.isInteger(count) || count < 1) fail(`--count must be a positive integer; got ${JSON.stringify(args.count)}`);
}
if (args.calendar !== undefined && !(CALENDARS as readonly string[]).includes(args.calendar))
  fail(`--calendar must be one of ${CALENDARS.join(', ')}; got ${JSON.stringify(args.calendar)}`);
if (args.from !== undefined && Number.isNaN(Date.parse(args.from)))
  fail(`--from must be an ISO 8601 instant; got ${JSON.stringify(args.from)}`);

try {
  // The rule may use literal "\n" between lines when typed on one shell line.
  const rule = args.rule.replace(/\\n/g, '\n');
  const calendar = args.calendar as CalendarName | undefined;
  const result = preview({ rule, timezone: args.tz, dtstart: args.dtstart, from: args.from, count, calendar });
  process.stdout.write(JSON.stringify(result) + '\n');
} catch (err) {
  if (err instanceof RecurrenceError) fail(`${err.field}: ${err.message}`);
  fail(`error: ${(err as Error).message}`);
}
