const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Milliseconds of a fixed interval ('5m', '1h', '1d', '1w'); undefined for calendar months. */
export function intervalMs(interval: string): number | undefined {
  const match = /^(\d+)([mhdw])$/.exec(interval);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
