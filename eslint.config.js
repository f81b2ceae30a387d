// One lint configuration for the whole repo (issue 18). TypeScript is linted with type information, per
// tsconfig, because the bugs worth a linter here are type-level: a D1 call or fetch whose promise nobody
// awaits, an async handler where a void callback is expected. The elements (widget/, demo/console/) add
// Lit, custom-element and template a11y rules. Scripts and benchmarks (.mjs/.js) are linted without types.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const ELEMENTS = ['widget/src/**/*.ts', 'demo/console/src/**/*.ts'];

export default defineConfig(
  globalIgnores(['public/', 'dist/', '.wrangler/', 'test-results/', 'bench/results/']),

  {
    // Rules are switched off here, for the whole repo with a reason, never per line.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  {
    rules: {
      // `catch {}` around sessionStorage or process.kill is the deliberate "best effort".
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Stripping or refusing control characters (FTS queries, redirect targets) is deliberate here.
      'no-control-regex': 'off',
      // Flags `let x = null; try { x = parse() } catch {…}` and a cursor's last `i++`; tsc's definite assignment covers the rest.
      'no-useless-assignment': 'off',
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  // TypeScript, type-aware. Each folder is checked against the tsconfig that builds it (the same three
  // programs `npm run typecheck` builds), so rules see the same types as tsc.
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { tsconfigRootDir: root } },
    rules: {
      // Both come with recommendedTypeChecked; stated because they are the reason for type-aware linting.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A promise returned from inside try/catch without await skips the catch.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `declare global { namespace Cloudflare { interface Env … } }` is how the workers types are extended.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // no-base-to-string already catches the real case (an object without toString); `${where}` (Where has
      // toString) and numbers or arrays in messages are intended.
      '@typescript-eslint/restrict-template-expressions': 'off',
      // No form here uploads files, so FormData.get() is always a string; the defaults stay ignored too.
      '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'File'] }],
      // An async function without await is how a Hono handler turns a throw into a rejection and a stub returns a promise.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['worker/**/*.ts', 'test/worker/**/*.ts', 'test/helpers/**/*.ts', 'bench/lib/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json' } },
  },
  {
    files: ['widget/**/*.ts', 'test/widget/**/*.ts', 'test/e2e/**/*.ts'],
    languageOptions: { parserOptions: { project: './widget/tsconfig.json' } },
  },
  {
    files: ['demo/console/**/*.ts'],
    languageOptions: { parserOptions: { project: './demo/console/tsconfig.json' } },
  },
  {
    // In no tsconfig (so `npm run typecheck` skips them too): the project service's default project.
    files: ['vitest.config.ts', 'test/docs/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts', 'test/docs/*.ts'] } },
    },
  },

  {
    // Tests read untyped JSON (`await res.json()` is any) and assert on it; typing it adds casts, not safety.
    // Spies keep unbound originals (crypto.subtle.importKey) to restore them.
    files: ['test/**/*.ts', 'vitest.config.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  // Plain JavaScript: scripts, benchmarks, the demo store and the e2e console suite. No type information.
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The demo store's, the element gallery's and the API reference's scripts run in the page; the console e2e suite's page.evaluate() callbacks do too.
    files: ['demo/*.js', 'demo/gallery/*.js', 'demo/docs/*.js', 'test/e2e/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Elements: Lit templates, custom-element lifecycle, template a11y.
  {
    files: ELEMENTS,
    extends: [lit.configs['flat/all'], wc.configs['flat/best-practice'], litA11y.configs.recommended],
    settings: { wc: { elementBaseClasses: ['LitElement', 'AccountElement', 'ConsoleView'] } },
    rules: {
      // Lit binds `@event=${this.handleX}` to the host itself, so passing a method unbound is correct.
      '@typescript-eslint/unbound-method': 'off',
      // Arrow handlers and .map() in templates are Lit's documented style; a closure per render costs nothing here.
      'lit/no-template-arrow': 'off',
      'lit/no-template-map': 'off',
      // LitElement always implements connectedCallback/disconnectedCallback; the guard is for bare HTMLElement subclasses.
      'wc/guard-super-call': 'off',
      // Forms are uncontrolled: `value=` sets the default, FormData reads the input on submit, and each form is
      // rendered afresh when opened; on checkboxes, radios and hidden inputs the attribute is the submitted value.
      'lit/no-value-attribute': 'off',
    },
  },
);
