// Money as the APIs show it: decimal strings in the currency's own precision ("12.50", "1200" for JPY),
// kept as integer minor units in D1 so sums are exact. Dependency-free (the widget may import it).

/** Decimal places of an ISO 4217 currency (2 for USD/EUR, 0 for JPY, 3 for KWD). */
export function currencyExponent(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return Intl.supportedValuesOf ? Intl.supportedValuesOf('currency').includes(code) : true;
  } catch {
    return false;
  }
}

/** "12.5" / 12.5 → 1250 minor units for exponent 2; null when not a non-negative amount with at most `exponent` decimals. */
export function toMinor(amount: string | number, exponent: number): number | null {
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) return null;
  const minor = Number(m[1]) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  // Beyond 2^53 integers are no longer exact: refuse rather than store a different amount.
  return Number.isSafeInteger(minor) ? minor : null;
}

export function fromMinor(minor: number, exponent: number): string {
  if (exponent === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** exponent);
  const fraction = String(abs % 10 ** exponent).padStart(exponent, '0');
  return `${sign}${whole}.${fraction}`;
}
