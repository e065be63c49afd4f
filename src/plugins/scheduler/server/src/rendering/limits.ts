/** A message size limit (each platform's own are in platforms/). */
export interface Limit {
  unit: 'bytes' | 'chars';
  max: number;
}

export function measure(s: string, unit: Limit['unit']): number {
  return unit === 'bytes' ? Buffer.byteLength(s, 'utf8') : s.length;
}
