import type { EntityManager as CoreEntityManager, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { encodeMessage, LIVE_CHANNEL, type LiveMessage } from './live.message.js';

/**
 * Live events leave with the transaction that caused them. A write queues its messages on its
 * transaction (`queueLive`); just before the commit they are sent with `pg_notify` in that very
 * transaction, which PostgreSQL delivers on commit only: a rolled-back change notifies nobody.
 * With Redis (REDIS_URL) they are published right after the commit instead.
 */

/** Publishes after commit (the Redis transport); absent, messages go out with pg_notify. */
export interface AfterCommitPublisher {
  publish(messages: LiveMessage[]): Promise<void>;
}

// Keyed by the transaction object (or the EntityManager when a flush opens its own transaction).
const queued = new WeakMap<object, LiveMessage[]>();
const committed = new WeakMap<object, LiveMessage[]>();
// Keyed by the ORM's configuration object, which every fork of an EntityManager shares.
const publishers = new WeakMap<object, AfterCommitPublisher>();

function keyOf(em: EntityManager | CoreEntityManager): object {
  return (em.getTransactionContext() as object | undefined) ?? em;
}

/** Queues a live message on the write transaction of `em` (sent on commit, dropped on rollback). */
export function queueLive(em: EntityManager | CoreEntityManager, message: LiveMessage): void {
  const key = keyOf(em);
  const list = queued.get(key);
  if (list) list.push(message);
  else queued.set(key, [message]);
}

/** Makes the ORM of `em` publish live messages through `publisher` after commit (Redis). */
export function setAfterCommitPublisher(em: EntityManager, publisher: AfterCommitPublisher | undefined): void {
  if (publisher) publishers.set(em.config, publisher);
  else publishers.delete(em.config);
}

function take(args: TransactionEventArgs): LiveMessage[] {
  const messages: LiveMessage[] = [];
  for (const key of [args.transaction, args.em]) {
    if (!key) continue;
    const list = queued.get(key);
    if (list) {
      messages.push(...list);
      queued.delete(key);
    }
  }
  return messages;
}

/** The MikroORM subscriber that sends queued live messages with their transaction (registered in db/orm.ts). */
export class LiveOutboxSubscriber implements EventSubscriber {
  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const messages = take(args);
    if (messages.length === 0) return;
    if (publishers.has(args.em.config)) {
      committed.set(args.transaction ?? args.em, messages);
      return;
    }
    // One statement for all of them: a JSON array of the payloads.
    const payloads = JSON.stringify(messages.map(encodeMessage));
    await (args.em as EntityManager)
      .getConnection('write')
      .execute(
        'select pg_notify(?, payload) from json_array_elements_text(?::json) as payload',
        [LIVE_CHANNEL, payloads],
        'all',
        args.transaction,
      );
  }

  async afterTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const key = args.transaction ?? args.em;
    const messages = committed.get(key);
    if (!messages) return;
    committed.delete(key);
    await publishers
      .get(args.em.config)
      ?.publish(messages)
      .catch(() => undefined);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    take(args);
    committed.delete(args.transaction ?? args.em);
  }
}
