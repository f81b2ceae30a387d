// How a postal address's city line reads in its own country ("Austin, TX 78701", "10115 Berlin",
// "London SW1A 1AA"). Dependency-free and tiny: the widget and the console import it.

/** Countries that write "City, STATE POSTCODE". */
const CITY_STATE_POSTAL = new Set(['US', 'CA', 'AU', 'PR', 'GU', 'VI', 'AS', 'MP']);
/** Countries that write "City POSTCODE" (the UK and Ireland put the postcode last). */
const CITY_POSTAL = new Set(['GB', 'IE', 'IM', 'JE', 'GG']);

export function cityLine(a: { city: string; state_or_province?: string; postal_code?: string; country_code: string }): string {
  const state = a.state_or_province ?? '';
  const postal = a.postal_code ?? '';
  const code = a.country_code.toUpperCase();
  if (CITY_STATE_POSTAL.has(code)) return [[a.city, state].filter(Boolean).join(', '), postal].filter(Boolean).join(' ');
  if (CITY_POSTAL.has(code)) return [a.city, state, postal].filter(Boolean).join(' ');
  return [[postal, a.city].filter(Boolean).join(' '), state].filter(Boolean).join(', ');
}
