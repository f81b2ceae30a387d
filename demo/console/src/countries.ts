// Countries for the address form's select: every ISO 3166-1 alpha-2 code the browser can name, sorted
// by name in the browser's language (region groupings the API refuses, like EU or UN, are left out).
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

let cached: { code: string; name: string }[] | null = null;

export function countries(): { code: string; name: string }[] {
  if (cached) return cached;
  const names = new Intl.DisplayNames(undefined, { type: 'region', fallback: 'none' });
  const list: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code) list.push({ code, name });
    }
  }
  cached = list.sort((x, y) => x.name.localeCompare(y.name));
  return cached;
}
