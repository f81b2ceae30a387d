// Widget size (DESIGN §5): gzip (level 9) of what a page loads with every element
// (storefront-accounts.js, budget ≤ 25 KB) and with only <account-login> (account-login.js, ≤ 12 KB),
// in English and with the largest locale chunk a German or French page adds. Same figures as `npm run size`.
import { BUDGETS, measure } from '../scripts/size.mjs';
import { writeResults } from './lib/worker.mjs';

const m = await measure();
const kb = (n) => Math.round((n / 1024) * 10) / 10;
const row = (what, value, budget) => ({
  what,
  value: kb(value),
  unit: 'KB',
  display: `${kb(value)} KB`,
  budget: { op: '<=', value: kb(budget), display: `≤ ${kb(budget)} KB` },
  ok: value <= budget,
});
writeResults('size', {
  results: [
    row('widget, every element, gzip (English)', m.full.en, BUDGETS.full),
    row('widget, every element, gzip (+ largest locale)', m.full.worst, BUDGETS.full),
    row('widget, log-in page, gzip (English)', m.login.en, BUDGETS.login),
    row('widget, log-in page, gzip (+ largest locale)', m.login.worst, BUDGETS.login),
  ],
});
