// npm run size: builds the widget and reports gzip sizes (level 9) of what pages load:
//  - every element (storefront-accounts.js and every chunk it imports statically), budget ≤ 25 KB;
//  - a page with only <account-login> (account-login.js and its static imports), budget ≤ 12 KB;
// each in English and with the locale chunks a German or French page adds (a log-in page only needs
// the `core` messages; the full bundle loads every area). What a log-in page loads only on demand (the
// forgot-password views, "Continue with …" when the store has OpenID providers) is reported beside it.
// Exits 1 when a budget is missed. `--json` prints the figures as JSON (bench/size.bench.mjs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from './build-widget.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUDGETS = { full: 25 * 1024, login: 12 * 1024 };

const gz = (file) => gzipSync(readFileSync(path.join(root, file)), { level: 9 }).length;

export async function measure() {
  const { metafile } = await build();
  const outputs = metafile.outputs;
  const key = (name) => Object.keys(outputs).find((k) => k.endsWith(`public/widget/${name}`));
  // Files a page loads for an entry: the entry and its static imports, transitively.
  const closure = (entry, isKey = false) => {
    const seen = new Set();
    const visit = (k) => {
      if (seen.has(k)) return;
      seen.add(k);
      for (const imp of outputs[k].imports) if (imp.kind === 'import-statement') visit(imp.path);
    };
    visit(isKey ? entry : key(entry));
    return seen;
  };
  // Locale chunks reachable by dynamic import(), grouped by language.
  // `allAreas` false: only the `core` chunk (chunks/de-<hash>.js; areas are chunks/de-<area>-<hash>.js).
  const locales = (files, allAreas) => {
    const byLang = {};
    for (const k of files) {
      for (const imp of outputs[k].imports) {
        if (imp.kind !== 'dynamic-import') continue;
        const m = /chunks\/(\w\w)(-[a-z]+)?-\w+\.js$/.exec(imp.path);
        if (m && (allAreas || !m[2])) (byLang[m[1]] ??= new Set()).add(imp.path);
      }
    }
    return byLang;
  };
  const report = (entry, accountArea) => {
    const files = closure(entry);
    const en = [...files].reduce((s, f) => s + gz(f), 0);
    const byLang = locales(files, accountArea);
    const extra = Object.fromEntries(Object.entries(byLang).map(([l, fs]) => [l, [...fs].reduce((s, f) => s + gz(f), 0)]));
    const worst = Math.max(0, ...Object.values(extra));
    // Views loaded on demand (not locale chunks): each with what it imports, English.
    const onDemand = {};
    for (const k of files) {
      for (const imp of outputs[k].imports) {
        const name = /chunks\/([a-z-]+)-\w+\.js$/.exec(imp.path)?.[1];
        if (imp.kind !== 'dynamic-import' || !name || /^(de|fr)(-|$)/.test(name)) continue;
        onDemand[name] = [...closure(imp.path, true)].filter((f) => !files.has(f)).reduce((s, f) => s + gz(f), 0);
      }
    }
    return { files: files.size, en, locales: extra, worst: en + worst, onDemand };
  };
  return { full: report('storefront-accounts.js', true), login: report('account-login.js', false) };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const m = await measure();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(m));
  } else {
    const line = (label, r, budget) => {
      const langs = Object.entries(r.locales)
        .map(([l, n]) => `+${l} ${kb(n)}`)
        .join(', ');
      const ok = r.worst <= budget;
      const later = Object.entries(r.onDemand)
        .map(([n, b]) => `${n} +${kb(b)}`)
        .join(', ');
      console.log(
        `${label}: ${kb(r.en)} gzip in English (${r.files} files); with locale chunks (${langs}) at most ${kb(r.worst)} — budget ${kb(budget)} ${ok ? 'OK' : 'MISSED'}${later ? `; loaded on demand: ${later}` : ''}`,
      );
      return ok;
    };
    const ok = [line('every element (storefront-accounts.js)', m.full, BUDGETS.full), line('log-in page (account-login.js)', m.login, BUDGETS.login)];
    if (ok.includes(false)) process.exit(1);
  }
}
