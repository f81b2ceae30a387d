// Timestamps as the API and the database keep them: UTC ISO-8601 to the second ('2026-11-23T10:00:00Z').

export function isoNow(): string {
  return toIso(new Date());
}

export function toIso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function addSeconds(iso: string, seconds: number): string {
  return toIso(new Date(Date.parse(iso) + seconds * 1000));
}
