import pg from 'pg';
import type { Logger } from '../log.js';

/**
 * LISTEN on one channel over a dedicated connection (a pooled one would be handed to other
 * queries). A dropped connection is reopened with growing pauses; notifications sent meanwhile
 * are lost, so `onReconnect` tells the caller to look up what it may have missed.
 */

export interface ChannelHandlers {
  onMessage(payload: string): void;
  onReconnect(): void;
}

export interface Subscription {
  close(): Promise<void>;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/** Channel names are identifiers: only fixed, known ones are used. */
function quoteChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  return channel;
}

export async function listen(url: string, channel: string, handlers: ChannelHandlers, logger: Logger): Promise<Subscription> {
  const name = quoteChannel(channel);
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, application_name: 'quotebot-listener' });
    next.on('notification', (message) => {
      if (message.channel === name) handlers.onMessage(message.payload ?? '');
    });
    next.on('error', (error) => {
      logger.warn({ event: 'listener-error', channel: name, err: error }, 'the notification connection failed');
      scheduleReconnect(next);
    });
    next.on('end', () => scheduleReconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${name}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  };

  const scheduleReconnect = (failed: pg.Client): void => {
    if (closed || client !== failed || timer) return;
    client = null;
    failed.end().catch(() => undefined);
    const attempt = (): void => {
      if (closed) return;
      timer = setTimeout(() => {
        connect().then(
          () => {
            timer = null;
            if (closed) return;
            retryMs = FIRST_RETRY_MS;
            logger.info({ event: 'listener-reconnected', channel: name }, 'listening for notifications again');
            handlers.onReconnect();
          },
          () => {
            retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
            attempt();
          },
        );
      }, retryMs);
      timer.unref();
    };
    attempt();
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
