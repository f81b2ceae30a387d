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

/**
 * Resolves a moment after now: work a request hands to waitUntil waits for it, so the response goes out
 * first. Why 50 ms and not 0: local D1 runs in the same workerd process, and a write that starts at once
 * holds up the response being streamed out — measurable (2.6 ms at the median) on a password-reset
 * request for an email with an account, i.e. an enumeration signal (bench/reset-timing.bench.mjs).
 * Deployed, D1 is remote I/O and the wait costs nothing but 50 ms of a mail's delivery.
 */
export function afterTheResponse(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

/** Roughly one write in this many also purges expired rows (OIDC states, used SSO jtis), so those tables stay small. */
const PURGE_ONE_IN = 20;
/** Whether this write should also purge expired rows (see PURGE_ONE_IN). */
export const purgeDue = (): boolean => Math.floor(Math.random() * PURGE_ONE_IN) === 0;
