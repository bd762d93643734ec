import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { decodeMessage, encodeMessage, LIVE_CHANNEL, type LiveMessage } from './live.message.js';
import { type AfterCommitPublisher, setAfterCommitPublisher } from './live.outbox.js';

/**
 * How live messages travel between the server instances of one deployment. Both adapters
 * deliver every message to every instance, the sender included.
 */
export interface LiveTransport {
  readonly kind: 'postgres' | 'redis';
  /**
   * Starts listening. `onGap` is called when the listener was cut off and is back: messages
   * may have been missed meanwhile, so subscribers must refetch.
   */
  start(onMessage: (message: LiveMessage) => void, onGap: () => void): Promise<void>;
  /** Sends a message now (presence; changes of records go with their transaction, see live.outbox.ts). */
  publish(message: LiveMessage): Promise<void>;
  /** Set when committed changes are published after commit by this transport rather than by pg_notify. */
  readonly afterCommit?: AfterCommitPublisher;
  close(): Promise<void>;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

/** LISTEN/NOTIFY: one dedicated PostgreSQL connection per instance listens (and sends presence). */
export class PostgresTransport implements LiveTransport {
  readonly kind = 'postgres' as const;
  private client: pg.Client | undefined;
  private closed = false;
  private retryMs = RECONNECT_MIN_MS;
  private onMessage: (message: LiveMessage) => void = () => {};
  private onGap: () => void = () => {};

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async start(onMessage: (message: LiveMessage) => void, onGap: () => void): Promise<void> {
    this.onMessage = onMessage;
    this.onGap = onGap;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'prachum-live' });
    client.on('notification', (notification) => {
      if (notification.channel !== LIVE_CHANNEL || !notification.payload) return;
      const message = decodeMessage(notification.payload);
      if (message) this.onMessage(message);
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost || this.closed) return;
      lost = true;
      this.client = undefined;
      this.logger.warn({ err: error }, 'live: the LISTEN connection was lost; reconnecting');
      void client.end().catch(() => undefined);
      this.reconnectLater();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    await client.connect();
    await client.query(`listen ${LIVE_CHANNEL}`);
    this.client = client;
    this.retryMs = RECONNECT_MIN_MS;
  }

  private reconnectLater(): void {
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
    setTimeout(() => {
      if (this.closed) return;
      this.connect().then(
        () => {
          this.logger.info('live: listening again');
          this.onGap();
        },
        (error) => {
          this.logger.warn({ err: error }, 'live: reconnecting the LISTEN connection failed');
          this.reconnectLater();
        },
      );
    }, delay).unref();
  }

  async publish(message: LiveMessage): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.query('select pg_notify($1, $2)', [LIVE_CHANNEL, encodeMessage(message)]);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** Redis pub/sub (REDIS_URL): one subscriber and one publisher connection per instance. */
export class RedisTransport implements LiveTransport {
  readonly kind = 'redis' as const;
  private readonly subscriber: Redis;
  private readonly publisher: Redis;
  readonly afterCommit: AfterCommitPublisher;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true };
    this.subscriber = new Redis(url, options);
    this.publisher = new Redis(url, options);
    for (const connection of [this.subscriber, this.publisher]) {
      connection.on('error', (error: Error) => this.logger.warn({ err: error }, 'live: Redis connection problem'));
    }
    this.afterCommit = {
      publish: async (messages) => {
        const pipeline = this.publisher.pipeline();
        for (const message of messages) pipeline.publish(LIVE_CHANNEL, encodeMessage(message));
        await pipeline.exec();
      },
    };
  }

  async start(onMessage: (message: LiveMessage) => void, onGap: () => void): Promise<void> {
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel !== LIVE_CHANNEL) return;
      const message = decodeMessage(text);
      if (message) onMessage(message);
    });
    await this.subscriber.connect();
    await this.publisher.connect();
    await this.subscriber.subscribe(LIVE_CHANNEL);
    // ioredis reconnects and subscribes again by itself; what was published meanwhile is gone.
    let first = true;
    this.subscriber.on('ready', () => {
      if (first) return;
      onGap();
    });
    first = false;
  }

  async publish(message: LiveMessage): Promise<void> {
    await this.publisher.publish(LIVE_CHANNEL, encodeMessage(message));
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}

/** The transport of a deployment: Redis when REDIS_URL is set, else PostgreSQL LISTEN/NOTIFY. */
export function createTransport(options: { databaseUrl: string; redisUrl?: string }, logger: Logger): LiveTransport {
  return options.redisUrl
    ? new RedisTransport(options.redisUrl, logger)
    : new PostgresTransport(options.databaseUrl, logger);
}

/**
 * For a process that writes but serves no sockets (`prachum worker`): with the Redis transport, its
 * committed changes are published to Redis too (with PostgreSQL, pg_notify needs nothing). Returns how to stop.
 */
export function startLivePublisher(
  em: Parameters<typeof setAfterCommitPublisher>[0],
  options: { transport: 'postgres' | 'redis'; redisUrl?: string },
  logger: Logger,
): () => Promise<void> {
  if (options.transport !== 'redis' || !options.redisUrl) return async () => {};
  const transport = new RedisTransport(options.redisUrl, logger);
  setAfterCommitPublisher(em, transport.afterCommit);
  return async () => {
    setAfterCommitPublisher(em, undefined);
    await transport.close();
  };
}
