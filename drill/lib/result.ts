/** What a drill reports: one row per thing it tried, and whether it passed. */
export interface DrillRow {
  what: string;
  tried: number | string;
  found: string;
  ok: boolean;
}

export interface DrillResult {
  name: string;
  ok: boolean;
  rows: DrillRow[];
}

export const row = (what: string, tried: number | string, found: string, ok: boolean): DrillRow => ({ what, tried, found, ok });
