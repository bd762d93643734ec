import { createHash, randomUUID } from 'node:crypto';
import type { MikroORM } from '../db/orm.js';
import { authenticate, forgetAccountTokens, forgetApiToken } from '../auth/authenticate.js';
import type { Viewer } from '../auth/viewer.js';
import type { Logger } from '../logger.js';
import type { LiveMessage, PresenceWire } from './live.message.js';
import { setAfterCommitPublisher } from './live.outbox.js';
import type { LiveTransport } from './live.transport.js';

/** How often an instance repeats its presence lists, and when another instance's lists are dropped. */
export const PRESENCE_HEARTBEAT_MS = 10_000;
const PRESENCE_EXPIRES_MS = 3.5 * PRESENCE_HEARTBEAT_MS;
/** Presence entries one instance tells the others about per meeting (a NOTIFY payload's limit). */
const MAX_PRESENCE_PER_MESSAGE = 40;
/** How often every open socket's credential is checked again (revocations the events did not tell of). */
export const RECHECK_MS = 30_000;

/** WebSocket close codes (graphql-ws): the credential is no longer good; the server lost events. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_SERVICE_RESTART = 1012;

/** One open WebSocket: who it authenticated as, with what, and how to close it. */
export interface LiveConnection {
  viewer: Viewer;
  credentials: { cookie?: string; authorization?: string };
  close(code: number, reason: string): void;
}

/** A change on a meeting page, as MeetingEvent resolves it. */
export interface MeetingEventPayload {
  meetingId: string;
  kind: string;
  agendaItemId: string | null;
  actorId: string | null;
  at: Date;
}

/** One person on a meeting page (PresenceEntry). */
export interface PresenceValue {
  personId: string;
  agendaItemId: string | null;
  since: Date;
}

interface LocalPresence {
  personId: string;
  key: string;
  agendaItemId: string | null;
  since: Date;
  editingSince: number;
}

type Listener = (payload: unknown) => void;

/** A session or token's key in presence messages: a hash, so that no credential id travels. */
export function sessionKeyOf(viewer: Viewer): string | undefined {
  const id = viewer.sessionId ?? viewer.tokenId ?? viewer.accountId;
  return id ? createHash('sha256').update(`presence:${id}`).digest('hex').slice(0, 24) : undefined;
}

const MEETING_OF: Record<string, string> = {
  AgendaItem: 'select meeting_id as meeting from agenda_item where id = ?',
  Participation: 'select meeting_id as meeting from participation where id = ?',
  Decision: 'select meeting_id as meeting from decision where id = ?',
  Commitment: 'select meeting_id as meeting, id as commitment from commitment where id = ?',
  DueDateChange:
    'select c.meeting_id as meeting, c.id as commitment from due_date_change d join commitment c on c.id = d.commitment_id where d.id = ?',
};

/**
 * The live side of one server instance: it hears every instance's messages through the
 * transport and hands them to the subscriptions open here (topics `meeting:<id>`,
 * `commitment:<id>`, `person:<id>`, `presence:<meetingId>`); it keeps the presence lists and
 * closes sockets whose credential stopped being good.
 */
export class LiveHub {
  readonly instanceId = randomUUID();
  private readonly topics = new Map<string, Set<Listener>>();
  private readonly connections = new Set<LiveConnection>();
  private readonly localPresence = new Map<string, Map<string, LocalPresence>>();
  private readonly remotePresence = new Map<string, Map<string, { entries: PresenceWire[]; seenAt: number }>>();
  private chain: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(
    private readonly deps: {
      orm: MikroORM;
      transport: LiveTransport;
      logger: Logger;
      recheckMs?: number;
    },
  ) {
    // Committed changes must reach Redis even from an instance nobody has subscribed to yet.
    if (deps.transport.afterCommit) setAfterCommitPublisher(deps.orm.em, deps.transport.afterCommit);
  }

  get transportKind(): string {
    return this.deps.transport.kind;
  }

  private starting: Promise<void> | undefined;

  /**
   * Starts listening, once: at the first WebSocket (or the first presence message), so that an
   * instance nobody subscribes to holds no listening connection.
   */
  start(): Promise<void> {
    this.starting ??= this.listen().catch((error) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  private async listen(): Promise<void> {
    const { transport } = this.deps;
    await transport.start(
      (message) => {
        // In order, one at a time: a lookup for one message must not let a later one overtake it.
        this.chain = this.chain
          .then(() => this.handle(message))
          .catch((error) => this.deps.logger.error({ err: error }, 'live: handling a message failed'));
      },
      () => this.closeAll(CLOSE_SERVICE_RESTART, 'Live events were interrupted; reconnect and refetch'),
    );
    this.timers.push(
      setInterval(() => void this.heartbeat(), PRESENCE_HEARTBEAT_MS),
      setInterval(() => void this.recheckAll(), this.deps.recheckMs ?? RECHECK_MS),
    );
    for (const timer of this.timers) timer.unref();
    this.deps.logger.info({ transport: transport.kind }, 'live events: listening');
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    for (const timer of this.timers) clearInterval(timer);
    this.closeAll(1001, 'The server is stopping');
    if (this.deps.transport.afterCommit) setAfterCommitPublisher(this.deps.orm.em, undefined);
    await this.chain;
    await this.deps.transport.close();
  }

  // ------------------------------------------------------------------ topics

  /** Calls `listener` with every payload of `topic` until the returned function is called. */
  on(topic: string, listener: Listener): () => void {
    let set = this.topics.get(topic);
    if (!set) {
      set = new Set();
      this.topics.set(topic, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.topics.delete(topic);
    };
  }

  private emit(topic: string, payload: unknown): void {
    for (const listener of this.topics.get(topic) ?? []) listener(payload);
  }

  /** How many subscriptions listen here (for the benchmark and the logs). */
  get listenerCount(): number {
    let count = 0;
    for (const set of this.topics.values()) count += set.size;
    return count;
  }

  // ------------------------------------------------------------------ connections

  addConnection(connection: LiveConnection): () => void {
    this.connections.add(connection);
    return () => this.connections.delete(connection);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  private closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }

  /** Authenticates a connection's credential again; closes it when it is no longer good. */
  private async recheck(connection: LiveConnection): Promise<void> {
    const { cookie, authorization } = connection.credentials;
    if (!cookie && !authorization) return;
    const em = this.deps.orm.em.fork();
    const result = await authenticate(em, { cookie, authorization });
    if (result.invalidToken || result.staleSession || !result.viewer.role) {
      this.connections.delete(connection);
      connection.close(CLOSE_UNAUTHORIZED, 'Unauthorized: the session or API token is no longer valid');
      return;
    }
    // A changed role (or organisation) applies to the next events at once.
    connection.viewer = result.viewer;
  }

  private async recheckAll(): Promise<void> {
    for (const connection of [...this.connections]) {
      await this.recheck(connection).catch((error) =>
        this.deps.logger.warn({ err: error }, 'live: checking a socket credential failed'),
      );
    }
  }

  // ------------------------------------------------------------------ messages

  /** Sends a message to every instance (this one included). */
  async publish(message: LiveMessage): Promise<void> {
    await this.start();
    await this.deps.transport.publish(message);
  }

  private async handle(message: LiveMessage): Promise<void> {
    if (this.closed) return;
    switch (message.t) {
      case 'audit':
        return this.handleAudit(message);
      case 'notification':
        this.emit(`person:${message.r}`, { notificationId: message.id });
        return;
      case 'presence': {
        if (message.i === this.instanceId) return;
        let byInstance = this.remotePresence.get(message.m);
        if (!byInstance) {
          byInstance = new Map();
          this.remotePresence.set(message.m, byInstance);
        }
        if (message.e.length === 0) byInstance.delete(message.i);
        else byInstance.set(message.i, { entries: message.e, seenAt: Date.now() });
        if (byInstance.size === 0) this.remotePresence.delete(message.m);
        this.emit(`presence:${message.m}`, undefined);
        return;
      }
      case 'presence-set': {
        const entries = this.localPresence.get(message.m);
        let changed = false;
        for (const entry of entries?.values() ?? []) {
          if (entry.key !== message.k || entry.agendaItemId === message.a) continue;
          entry.agendaItemId = message.a;
          entry.editingSince = Date.now();
          changed = true;
        }
        if (changed) await this.presenceChanged(message.m);
        return;
      }
      case 'presence-ask':
        if (message.i !== this.instanceId && this.localPresence.has(message.m)) await this.broadcastPresence(message.m);
        return;
    }
  }

  private async handleAudit(message: Extract<LiveMessage, { t: 'audit' }>): Promise<void> {
    if (message.e === 'ApiToken' || message.e === 'Account') {
      // What this instance trusts about tokens would keep a revoked one alive for a few seconds here.
      if (message.e === 'ApiToken') forgetApiToken(message.id);
      else forgetAccountTokens(message.id);
      const affected = [...this.connections].filter((c) =>
        message.e === 'ApiToken' ? c.viewer.tokenId === message.id : c.viewer.accountId === message.id,
      );
      for (const connection of affected) await this.recheck(connection);
      return;
    }
    const topics = [...this.topics.keys()];
    const wantsMeetings = topics.some((topic) => topic.startsWith('meeting:'));
    const wantsCommitment =
      (message.e === 'Commitment' || message.e === 'DueDateChange') &&
      topics.some((topic) => topic.startsWith('commitment:'));
    if (!wantsMeetings && !wantsCommitment) return;
    let meeting = message.m;
    let commitment = message.e === 'Commitment' ? message.id : undefined;
    const lookup = MEETING_OF[message.e];
    if (lookup && ((wantsMeetings && !meeting) || (message.e === 'DueDateChange' && !commitment))) {
      const rows = await this.deps.orm.em
        .fork()
        .getConnection('write')
        .execute<{ meeting: string | null; commitment?: string }[]>(lookup, [message.id]);
      meeting ??= rows[0]?.meeting ?? undefined;
      commitment ??= rows[0]?.commitment;
    }
    if (commitment) this.emit(`commitment:${commitment}`, { commitmentId: commitment });
    if (meeting) {
      const payload: MeetingEventPayload = {
        meetingId: meeting,
        kind: message.k,
        agendaItemId: message.e === 'AgendaItem' && message.o !== 'remove' ? message.id : null,
        actorId: message.p ?? null,
        at: new Date(message.at),
      };
      this.emit(`meeting:${meeting}`, payload);
    }
  }

  // ------------------------------------------------------------------ presence

  /** Puts a person on a meeting page (one entry per open subscription); returns how to take it off. */
  joinPresence(meetingId: string, viewer: Viewer): () => void {
    const key = sessionKeyOf(viewer);
    if (!viewer.personId || !key) return () => {};
    const id = randomUUID();
    let entries = this.localPresence.get(meetingId);
    if (!entries) {
      entries = new Map();
      this.localPresence.set(meetingId, entries);
    }
    entries.set(id, { personId: viewer.personId, key, agendaItemId: null, since: new Date(), editingSince: 0 });
    void this.presenceChanged(meetingId);
    void this.publish({ t: 'presence-ask', m: meetingId, i: this.instanceId }).catch(() => undefined);
    return () => {
      const current = this.localPresence.get(meetingId);
      if (!current?.delete(id)) return;
      if (current.size === 0) this.localPresence.delete(meetingId);
      void this.presenceChanged(meetingId);
    };
  }

  /** Says which agenda item a session edits, wherever its socket is open. */
  setEditing(meetingId: string, viewer: Viewer, agendaItemId: string | null): Promise<void> {
    const key = sessionKeyOf(viewer);
    if (!key) return Promise.resolve();
    return this.publish({ t: 'presence-set', m: meetingId, k: key, a: agendaItemId });
  }

  /** Everyone on a meeting page, across instances: one entry per person (their latest choice of item). */
  presenceOf(meetingId: string): PresenceValue[] {
    const byPerson = new Map<string, PresenceValue & { editingSince: number }>();
    const add = (personId: string, agendaItemId: string | null, since: Date, editingSince: number) => {
      const known = byPerson.get(personId);
      if (!known) {
        byPerson.set(personId, { personId, agendaItemId, since, editingSince });
        return;
      }
      if (since < known.since) known.since = since;
      if (editingSince > known.editingSince) {
        known.agendaItemId = agendaItemId;
        known.editingSince = editingSince;
      }
    };
    for (const entry of this.localPresence.get(meetingId)?.values() ?? [])
      add(entry.personId, entry.agendaItemId, entry.since, entry.editingSince);
    for (const { entries } of this.remotePresence.get(meetingId)?.values() ?? [])
      for (const entry of entries) add(entry.p, entry.a, new Date(entry.s), entry.d);
    return [...byPerson.values()]
      .map(({ personId, agendaItemId, since }) => ({ personId, agendaItemId, since }))
      .sort((a, b) => a.since.getTime() - b.since.getTime() || a.personId.localeCompare(b.personId));
  }

  private async presenceChanged(meetingId: string): Promise<void> {
    this.emit(`presence:${meetingId}`, undefined);
    await this.broadcastPresence(meetingId);
  }

  private async broadcastPresence(meetingId: string): Promise<void> {
    // One NOTIFY holds under 8000 bytes, about 45 entries: the first 40 on this instance's page are sent.
    const local = [...(this.localPresence.get(meetingId)?.values() ?? [])].slice(0, MAX_PRESENCE_PER_MESSAGE);
    const entries: PresenceWire[] = local.map((entry) => ({
      p: entry.personId,
      a: entry.agendaItemId,
      s: entry.since.toISOString(),
      k: entry.key,
      d: entry.editingSince,
    }));
    await this.publish({ t: 'presence', i: this.instanceId, m: meetingId, e: entries }).catch((error) =>
      this.deps.logger.warn({ err: error }, 'live: sending presence failed'),
    );
  }

  private async heartbeat(): Promise<void> {
    for (const meetingId of this.localPresence.keys()) await this.broadcastPresence(meetingId);
    const now = Date.now();
    for (const [meetingId, byInstance] of this.remotePresence) {
      let changed = false;
      for (const [instance, state] of byInstance) {
        if (now - state.seenAt > PRESENCE_EXPIRES_MS) {
          byInstance.delete(instance);
          changed = true;
        }
      }
      if (byInstance.size === 0) this.remotePresence.delete(meetingId);
      if (changed) this.emit(`presence:${meetingId}`, undefined);
    }
  }
}
