import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api';

describe('GET /health', () => {
  it('answers ok with security headers', async () => {
    const res = await call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Strict-Transport-Security')).toContain('max-age');
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await call('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
  });
});
