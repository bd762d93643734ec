import type { MikroORM } from '../db/orm.js';
import type { Context } from '../graphql/context.js';
import { Loaders } from '../graphql/loaders.js';
import type { LiveConnection, LiveHub } from './live.hub.js';

/** What a GraphQL context knows of live events: the instance's hub, and the socket it came over. */
export interface LiveRuntime {
  hub: LiveHub;
  orm: MikroORM;
  connection?: LiveConnection;
}

// A symbol-keyed property, as auth/runtime.ts does: Apollo shallow-copies the context per operation.
const LIVE = Symbol('prachum.live');
type WithLive = { [LIVE]?: LiveRuntime };

/** Gives a context its live runtime (the HTTP layer and the WebSocket server do this). */
export function attachLive(context: object, runtime: LiveRuntime): void {
  (context as WithLive)[LIVE] = runtime;
}

/** The live runtime of a context, if it has one. */
export function liveOf(context: object): LiveRuntime | undefined {
  return (context as WithLive)[LIVE];
}

// One unit of work per event and viewer: the subscribers of one person (or of people who see the same)
// share it, so their loaders batch, as the fields of one request do. Keyed by the event's payload object.
const perEvent = new WeakMap<object, Map<string, { em: Context['em']; loaders: Loaders }>>();

function viewerKey(viewer: Context['viewer']): string {
  return [viewer.role, viewer.accountId, viewer.personId, viewer.organizationId, viewer.canWrite].join('|');
}

/**
 * A subscription's event stream: payloads of hub topics, each checked by `accept` with a fresh
 * EntityManager and fresh loaders (so nothing is served from an earlier event's cache) and the
 * connection's current viewer; `accept` answers undefined to skip an event the viewer may not see.
 * `return()` (the client unsubscribed, or the socket closed) stops listening at once.
 */
export class LiveStream<T> implements AsyncIterableIterator<T> {
  private readonly buffer: unknown[] = [];
  private waiting: ((value: unknown) => void) | undefined;
  private done = false;
  private readonly offs: (() => void)[];

  /** Events kept for a slow subscriber; beyond this the oldest are dropped. */
  static readonly MAX_BUFFER = 500;

  constructor(
    private readonly runtime: LiveRuntime,
    topics: string[],
    private readonly context: Context,
    private readonly accept: (payload: unknown, context: Context) => Promise<T | undefined>,
    options: { initial?: unknown; onEnd?: () => void } = {},
  ) {
    this.offs = topics.map((topic) => runtime.hub.on(topic, (payload) => this.push(payload)));
    if (options.onEnd) this.offs.push(options.onEnd);
    if ('initial' in options) this.buffer.push(options.initial);
    // What the subscribe-time check loaded is not needed while the stream waits.
    context.em.clear();
  }

  private push(payload: unknown): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(payload);
      return;
    }
    this.buffer.push(payload);
    if (this.buffer.length > LiveStream.MAX_BUFFER) this.buffer.shift();
  }

  private nextPayload(): Promise<unknown> {
    if (this.buffer.length > 0) return Promise.resolve(this.buffer.shift());
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** A new unit of work for the next event, as every HTTP request gets (shared by this viewer's subscribers). */
  private refresh(payload: unknown): void {
    if (this.runtime.connection) this.context.viewer = this.runtime.connection.viewer;
    let shared: { em: Context['em']; loaders: Loaders } | undefined;
    if (payload && typeof payload === 'object') {
      let byViewer = perEvent.get(payload);
      if (!byViewer) {
        byViewer = new Map();
        perEvent.set(payload, byViewer);
      }
      const key = viewerKey(this.context.viewer);
      shared = byViewer.get(key);
      if (!shared) {
        const em = this.runtime.orm.em.fork();
        shared = { em, loaders: new Loaders(em) };
        byViewer.set(key, shared);
      }
    } else {
      const em = this.runtime.orm.em.fork();
      shared = { em, loaders: new Loaders(em) };
    }
    this.context.em = shared.em;
    this.context.loaders = shared.loaders;
  }

  async next(): Promise<IteratorResult<T>> {
    while (!this.done) {
      const payload = await this.nextPayload();
      if (this.done) break;
      this.refresh(payload);
      const value = await this.accept(payload, this.context);
      if (this.done) break;
      if (value !== undefined) return { value, done: false };
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      for (const off of this.offs) off();
      this.waiting?.(undefined);
      this.waiting = undefined;
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * type-graphql insists on a `pubSub` as soon as a @Subscription exists; ours all bring their own
 * `subscribe` (LiveStream over the hub), so this one is never used.
 */
export const unusedPubSub = {
  publish(): void {
    throw new Error('live events are published through the LiveHub, not type-graphql’s pubSub');
  },
  subscribe(): AsyncIterable<never> {
    throw new Error('live subscriptions bring their own subscribe (src/live/live.resolver.ts)');
  },
};
