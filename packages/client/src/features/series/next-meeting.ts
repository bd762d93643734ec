import { fromWallTime, toWallTime } from '../../lib/format.js';

/** What "Schedule next meeting" starts from, as the form holds it (Phnom Penh wall times). */
export interface NextMeetingDraft {
  startsAt: string;
  endsAt: string;
  location: string;
  copyParticipants: boolean;
}

/** How long the latest meeting lasted, in milliseconds; null without both times or when they make no sense. */
export function durationOf(meeting: { startsAt: string; endsAt: string | null } | null | undefined): number | null {
  if (!meeting?.endsAt) return null;
  const length = new Date(meeting.endsAt).getTime() - new Date(meeting.startsAt).getTime();
  return Number.isFinite(length) && length > 0 ? length : null;
}

/** The end that keeps a meeting's length when its start (a wall time) moves; '' when it cannot be worked out. */
export function endFollowingStart(startsAt: string, duration: number | null): string {
  const start = fromWallTime(startsAt);
  if (!start || duration === null) return '';
  return toWallTime(new Date(new Date(start).getTime() + duration).toISOString());
}

/**
 * Prefills the next meeting: when the cadence says (suggestedNextStartsAt), as long as the latest meeting, in
 * the same place, its participants invited again.
 */
export function nextMeetingDraft(series: {
  suggestedNextStartsAt: string | null;
  previous: { startsAt: string; endsAt: string | null; location: string | null } | null;
}): NextMeetingDraft {
  const startsAt = toWallTime(series.suggestedNextStartsAt);
  return {
    startsAt,
    endsAt: endFollowingStart(startsAt, durationOf(series.previous)),
    location: series.previous?.location ?? '',
    copyParticipants: true,
  };
}
