import * as z from 'zod';
import { operations } from '../../types';

export default operations({
  'GET /health': {
    summary: 'Health check',
    description: 'Answers without touching D1: for load balancers and uptime checks.',
    tags: ['operations'],
    auth: 'public',
    responses: { 200: { description: 'The worker runs.', schema: z.object({ ok: z.literal(true) }) } },
  },
});
