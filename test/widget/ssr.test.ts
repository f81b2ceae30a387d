// @vitest-environment node
// Importing the widget where there is no DOM (server-side rendering) must not throw or touch the DOM.
import { expect, it } from 'vitest';

it('imports without a DOM', async () => {
  expect(typeof document).toBe('undefined');
  const mod = await import('../../widget/src/index');
  expect(mod.AccountLogin).toBeTypeOf('function');
});
