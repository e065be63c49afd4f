/** What each platform accepts in one message. */
export interface Limit {
  unit: 'bytes' | 'chars';
  max: number;
}

export const PLATFORM_LIMITS = {
  'wecom-text': { unit: 'bytes', max: 2048 },
  'wecom-markdown': { unit: 'bytes', max: 4096 },
  telegram: { unit: 'chars', max: 4096 },
  slack: { unit: 'chars', max: 40000 },
} as const satisfies Record<string, Limit>;

export function measure(s: string, unit: Limit['unit']): number {
  return unit === 'bytes' ? Buffer.byteLength(s, 'utf8') : s.length;
}
