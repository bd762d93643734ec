import { describe, expect, it } from 'vitest';
import { durationOf, endFollowingStart, nextMeetingDraft } from './next-meeting.js';

const previous = {
  startsAt: '2024-02-20T07:00:00.000Z', // 14:00 in Phnom Penh
  endsAt: '2024-02-20T09:30:00.000Z',
  location: 'NCCT Secretariat, Phnom Penh',
};

describe('the next meeting of a series', () => {
  it('starts when the cadence says, lasts as long as the last one, in the same place', () => {
    expect(nextMeetingDraft({ suggestedNextStartsAt: '2024-05-20T07:00:00.000Z', previous })).toEqual({
      startsAt: '2024-05-20T14:00',
      endsAt: '2024-05-20T16:30',
      location: 'NCCT Secretariat, Phnom Penh',
      copyParticipants: true,
    });
  });

  it('leaves the times empty without a cadence, and the end without a known length', () => {
    expect(nextMeetingDraft({ suggestedNextStartsAt: null, previous })).toMatchObject({ startsAt: '', endsAt: '' });
    expect(
      nextMeetingDraft({ suggestedNextStartsAt: '2024-05-20T07:00:00.000Z', previous: { ...previous, endsAt: null } }),
    ).toMatchObject({ startsAt: '2024-05-20T14:00', endsAt: '' });
    expect(nextMeetingDraft({ suggestedNextStartsAt: null, previous: null })).toMatchObject({ location: '' });
  });

  it('keeps the length when the start moves, across midnight too', () => {
    const length = durationOf(previous);
    expect(length).toBe(150 * 60_000);
    expect(endFollowingStart('2026-12-31T22:30', length)).toBe('2027-01-01T01:00');
    expect(endFollowingStart('', length)).toBe('');
    expect(durationOf({ startsAt: previous.endsAt, endsAt: previous.startsAt })).toBeNull();
  });
});
