// GET /.well-known/jwks.json (routes/well-known.ts).
import * as z from 'zod';
import { operations } from '../../types';

const JwkSchema = z
  .looseObject({
    kty: z.string().describe('`EC`'),
    crv: z.string().optional().describe('`P-256`'),
    x: z.string().optional(),
    y: z.string().optional(),
    kid: z.string(),
    alg: z.literal('ES256'),
    use: z.literal('sig'),
  })
  .meta({ id: 'Jwk', description: 'A public key (RFC 7517). Other members of a configured key pass through.' });

export default operations({
  'GET /.well-known/jwks.json': {
    summary: 'Keys that verify access tokens',
    description:
      "The public keys of the shoppers' access tokens (ES256): the signing key and the previous ones still accepted (key rotation). Match a token's `kid`.",
    tags: ['well-known'],
    auth: 'public',
    responses: {
      200: {
        description: 'The key set (cacheable for five minutes).',
        schema: z.object({ keys: z.array(JwkSchema) }),
        headers: { 'Cache-Control': { description: '`public, max-age=300`', schema: { type: 'string' } } },
      },
    },
  },
});
