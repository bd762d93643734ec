import { describe, expect, it } from 'vitest';
import { auditMessage, decodeMessage, encodeMessage, eventKind, MAX_MESSAGE_BYTES } from './live.message.js';

describe('live messages', () => {
  it('carry ids and a kind, never the changed values', () => {
    const minutes = 'ការប្រជុំបានព្រមព្រៀង '.repeat(2000);
    const message = auditMessage(
      {
        entityType: 'AgendaItem',
        entityId: '6f1c2a5e-6a59-4c3b-9a51-0d9f1e0c7a11',
        operation: 'remove',
        changes: {
          meeting: { before: '0b3f6c1a-8d2e-4f5a-9b6c-7d8e9f0a1b2c', after: null },
          minutes: { before: minutes, after: null },
        },
      },
      'a9e1d7c3-2b4f-4e6a-8c0d-1e2f3a4b5c6d',
    );
    expect(message).toMatchObject({
      t: 'audit',
      e: 'AgendaItem',
      o: 'remove',
      k: 'AGENDA_ITEM_REMOVED',
      m: '0b3f6c1a-8d2e-4f5a-9b6c-7d8e9f0a1b2c',
      p: 'a9e1d7c3-2b4f-4e6a-8c0d-1e2f3a4b5c6d',
    });
    const text = encodeMessage(message);
    expect(text).not.toContain('ប្រជុំ');
    expect(Buffer.byteLength(text)).toBeLessThan(400);
    expect(decodeMessage(text)).toEqual(message);
  });

  it('names what changed the way a meeting page needs it', () => {
    expect(eventKind('AgendaItem', 'update', { minutesKm: { before: null, after: 'x' } })).toBe('MINUTES_UPDATED');
    expect(eventKind('AgendaItem', 'update', { title: { before: 'a', after: 'b' } })).toBe('AGENDA_ITEM_UPDATED');
    expect(eventKind('Participation', 'create', null)).toBe('ATTENDANCE_CHANGED');
    expect(eventKind('Decision', 'create', null)).toBe('DECISION_RECORDED');
    expect(eventKind('Commitment', 'create', null)).toBe('COMMITMENT_CREATED');
    expect(eventKind('Commitment', 'update', { status: { before: 'NOT_STARTED', after: 'AT_RISK' } })).toBe(
      'COMMITMENT_STATUS_CHANGED',
    );
    expect(eventKind('Meeting', 'update', { status: { before: 'PLANNED', after: 'HELD' } })).toBe('STATUS_CHANGED');
    expect(eventKind('MeetingSeries', 'update', null)).toBe('MEETING_SERIES_UPDATE');
  });

  it('refuses a payload PostgreSQL would refuse, and ignores what is not ours', () => {
    expect(() =>
      encodeMessage({
        t: 'presence',
        i: 'x',
        m: 'y',
        e: [{ p: 'z'.repeat(MAX_MESSAGE_BYTES), a: null, s: '', k: '', d: 0 }],
      }),
    ).toThrow(/too large/);
    expect(decodeMessage('not json')).toBeUndefined();
    expect(decodeMessage('42')).toBeUndefined();
  });
});
