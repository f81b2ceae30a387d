// /v2/customer_groups: BigCommerce's V2 customer groups (plain JSON objects and arrays, no {data, meta}
// envelope). At most one default group and one guest group; deleting a group moves its customers to no
// group. A DELETE without an id deletes nothing (BigCommerce V2 would delete every group). Rules:
// accounts/groups.ts.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { countGroupsMatching, createGroup, deleteGroup, getGroupById, type GroupFilter, listGroupPage, updateGroup } from '../../accounts/groups';
import type { AppEnv } from '../../env';
import { ApiError, fieldError } from '../../errors';
import { validate } from '../../validation';
import { dateQuery, dateRanges, DEFAULT_LIMIT, MAX_LIMIT } from './paging';

const bool = z.pipe(
  z.enum(['true', 'false', '1', '0'], { message: 'Expected true or false' }),
  z.transform((v) => v === 'true' || v === '1'),
);

const filterQuery = {
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  'name:like': z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  is_default: z.optional(bool),
  is_group_for_guests: z.optional(bool),
  ...dateQuery,
};

const listQuery = z.strictObject({
  page: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_LIMIT))),
  ...filterQuery,
});
const countQuery = z.strictObject(filterQuery);

const categoryAccess = z.pipe(
  z
    .strictObject({
      type: z.enum(['all', 'specific', 'none']),
      categories: z.optional(z.array(z.number().check(z.int(), z.minimum(1))).check(z.maxLength(10_000))),
    })
    .check(
      z.superRefine((a, ctx) => {
        if (a.type !== 'specific' && a.categories?.length) {
          ctx.addIssue({ code: 'custom', path: ['categories'], message: 'Only for type "specific"' });
        }
      }),
    ),
  z.transform((a) => (a.type === 'specific' ? { type: a.type, categories: [...new Set(a.categories ?? [])] } : { type: a.type })),
);

/** A float as a number or a string, stored as BigCommerce shows it ("5.0000"). */
const amount = z.pipe(
  z.union([z.number().check(z.minimum(0)), z.string().check(z.regex(/^\d{1,12}(\.\d{1,6})?$/, 'Expected a non-negative decimal number'))]),
  z.transform((v) => Number(v).toFixed(4)),
);
const method = z.enum(['percent', 'fixed', 'price']);

const discountRule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('price_list'), price_list_id: z.number().check(z.int(), z.minimum(1)) }),
  z.strictObject({ type: z.literal('all'), method, amount }),
  z.strictObject({ type: z.literal('category'), method, amount, category_id: z.number().check(z.int(), z.minimum(1)) }),
  z.strictObject({ type: z.literal('product'), method, amount, product_id: z.number().check(z.int(), z.minimum(1)) }),
]);

const discountRules = z.array(discountRule).check(
  z.maxLength(1000),
  z.superRefine((rules, ctx) => {
    if (rules.some((r) => r.type === 'price_list') && rules.length > 1) {
      ctx.addIssue({ code: 'custom', message: 'A price_list rule must be the only rule' });
    }
    if (rules.filter((r) => r.type === 'all').length > 1) ctx.addIssue({ code: 'custom', message: 'At most one "all" rule' });
    rules.forEach((r, i) => {
      if ('method' in r && r.method === 'percent' && Number(r.amount) > 100) {
        ctx.addIssue({ code: 'custom', path: [i, 'amount'], message: 'A percentage must be at most 100' });
      }
    });
  }),
);

const groupFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  is_default: z.optional(z.boolean()),
  is_group_for_guests: z.optional(z.boolean()),
  category_access: z.optional(categoryAccess),
  discount_rules: z.optional(discountRules),
};
const createBody = z.strictObject(groupFields);
const updateBody = z.strictObject({ ...groupFields, name: z.optional(groupFields.name) });

function toFilter(q: z.output<typeof countQuery>): GroupFilter {
  return {
    name: q.name,
    nameLike: q['name:like'],
    isDefault: q.is_default,
    isGroupForGuests: q.is_group_for_guests,
    ...dateRanges(q),
  };
}

/** The `{id}` path segment: digits only (anything else is a 404 like any unknown path). */
function groupId(raw: string): number {
  const id = raw.length <= 15 ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new ApiError('group_not_found');
  return id;
}

const customerGroups = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(await listGroupPage(c.env.DB, toFilter(q), q.page ?? 1, q.limit ?? DEFAULT_LIMIT));
  })

  .get('/count', validate('query', countQuery), async (c) => {
    return c.json({ count: await countGroupsMatching(c.env.DB, toFilter(c.req.valid('query'))) });
  })

  .get('/:id{[0-9]+}', async (c) => c.json(await getGroupById(c.env.DB, groupId(c.req.param('id')))))

  .post('/', validate('json', createBody), async (c) => c.json(await createGroup(c.env.DB, c.req.valid('json'))))

  .put('/:id{[0-9]+}', validate('json', updateBody), async (c) =>
    c.json(await updateGroup(c.env.DB, groupId(c.req.param('id')), c.req.valid('json'))),
  )

  .delete('/:id{[0-9]+}', async (c) => {
    await deleteGroup(c.env.DB, groupId(c.req.param('id')));
    return c.body(null, 204);
  })

  .delete('/', async () => {
    throw new ApiError('validation_failed', {
      errors: { id: fieldError('required', 'Delete one group at a time: DELETE /v2/customer_groups/{id}') },
    });
  });

export default customerGroups;
