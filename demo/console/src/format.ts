// How the console shows dates, money, statuses and timeline events: in the browser's locale, in words.
import type { TimelineEvent } from './types';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

/** Amounts arrive as decimal strings in the currency's precision ("12.50", JPY "1200"). */
export function formatMoney(amount: string, currency: string): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(n);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function fullName(p: { first_name: string; last_name: string }): string {
  return `${p.first_name} ${p.last_name}`.trim() || '(no name)';
}

export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

const EVENT_LABELS: Record<string, string> = {
  account_created: 'Account created',
  profile_updated: 'Profile updated',
  note_changed: 'Internal comment changed',
  address_added: 'Address added',
  address_updated: 'Address updated',
  address_deleted: 'Address deleted',
  consents_changed: 'Newsletter consent changed',
  order_placed: 'Order placed',
  order_linked: 'Guest order linked',
  order_unlinked: 'Order unlinked',
  orders_claimed: 'Guest orders claimed',
  password_changed: 'Password changed',
  password_reset: 'Password reset',
  email_verified: 'Email verified',
  email_changed: 'Email changed',
  signed_in_with_code: 'Signed in with an emailed code',
  passkey_added: 'Passkey added',
  passkey_removed: 'Passkey removed',
};

export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? statusLabel(type);
}

const CONSENT_LABELS: Record<string, string> = {
  marketing_newsletter: 'Newsletter',
  abandoned_cart: 'Abandoned-cart emails',
};

export function consentLabel(consent: string): string {
  return CONSENT_LABELS[consent] ?? statusLabel(consent);
}

/** A one-line summary of what an event's detail says, or '' when there is nothing to add. */
export function eventDetail(e: TimelineEvent): string {
  const d = e.detail ?? {};
  const parts: string[] = [];
  if (typeof d.order_id === 'number') parts.push(`order #${d.order_id}`);
  if (Array.isArray(d.order_ids)) parts.push(d.order_ids.map((id) => `order #${typeof id === 'number' ? id : '?'}`).join(', '));
  if (typeof d.total === 'string' && typeof d.currency_code === 'string') parts.push(formatMoney(d.total, d.currency_code));
  if (e.type === 'email_changed' && typeof d.from === 'string' && typeof d.to === 'string') parts.push(`${d.from} → ${d.to}`);
  if ((e.type === 'passkey_added' || e.type === 'passkey_removed') && typeof d.name === 'string') parts.push(`“${truncate(d.name, 100)}”`);
  if (e.type === 'note_changed' && typeof d.notes === 'string') parts.push(d.notes ? `“${truncate(d.notes, 140)}”` : '(comment cleared)');
  if (Array.isArray(d.to))
    parts.push(d.to.length ? `now: ${d.to.map((c) => consentLabel(typeof c === 'string' ? c : '')).join(', ')}` : 'unsubscribed');
  if (typeof d.address1 === 'string')
    parts.push([d.address1, d.city, d.country_code].filter((v): v is string => typeof v === 'string' && v !== '').join(', '));
  if (Array.isArray(d.fields))
    parts.push(
      d.fields
        .map((f) => (typeof f === 'string' ? f.replace(/_/g, ' ') : ''))
        .filter(Boolean)
        .join(', '),
    );
  return parts.join(' · ');
}

export function actorLabel(actor: TimelineEvent['actor']): string {
  const who = { shopper: 'the shopper', staff: 'staff', system: 'the system' }[actor.type] ?? actor.type;
  return actor.name && actor.type !== 'shopper' ? `${who} (${actor.name})` : who;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
