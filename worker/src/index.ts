// The worker's entry points: HTTP (app.ts), the webhook queues and the every-minute cron.
// Only app.ts and what it imports statically load on a cold start (the startup budget of
// bench/worker-size.bench.mjs); queue and cron work is imported on first use.
import type { WebhookMessage } from './accounts/webhooks';
import { app } from './app';
import type { Bindings } from './env';

const DEAD_LETTERS = /-dlq$/;

export default {
  fetch: app.fetch,
  /** Webhook deliveries, and the dead-letter queue's messages (accounts/webhooks.ts). */
  async queue(batch: MessageBatch<WebhookMessage>, env: Bindings, _ctx: ExecutionContext): Promise<void> {
    const { deliverQueued, failDeadLetter } = await import('./accounts/webhooks');
    const dead = DEAD_LETTERS.test(batch.queue);
    // At once, not one after another: ten receivers timing out must cost 8 s, not 80.
    await Promise.all(
      batch.messages.map(async (message) => {
        try {
          if (dead) {
            await failDeadLetter(env, message.body);
            message.ack();
            return;
          }
          const outcome = await deliverQueued(env, message.body, message.attempts);
          if (outcome.ack) message.ack();
          else message.retry({ delaySeconds: outcome.delaySeconds });
        } catch (err) {
          console.error('webhooks: delivery failed', err instanceof Error ? err.message : err);
          message.retry({ delaySeconds: 60 });
        }
      }),
    );
  },
  /** Every minute (wrangler.toml `[triggers]`): webhook events that never reached the queue, and old history. */
  async scheduled(_controller: ScheduledController, env: Bindings, ctx: ExecutionContext): Promise<void> {
    const { sweepWebhooks } = await import('./accounts/webhooks');
    ctx.waitUntil(sweepWebhooks(env));
  },
} satisfies ExportedHandler<Bindings, WebhookMessage>;
