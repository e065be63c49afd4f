/** The scheduler's notion of "now": the system clock, replaceable in tests to simulate outages. */
export default () => {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    /** Move the clock (tests only): e.g. +3 h to simulate a 3-hour outage. */
    advance(ms: number) {
      offsetMs += ms;
    },
    reset() {
      offsetMs = 0;
    },
  };
};
