// SQL for channels (storefronts) and their allowed origins.

export async function listChannelOrigins(db: D1Database): Promise<{ id: number; origins: string[] }[]> {
  const { results } = await db.prepare('SELECT id, storefront_origins FROM channels ORDER BY id').all<{ id: number; storefront_origins: string }>();
  return results.map((r) => ({ id: r.id, origins: JSON.parse(r.storefront_origins) as string[] }));
}
