import { khmerDigits, type Language, pickText } from '../../lib/format.js';

/**
 * The notification's message in the reader's language (the server writes both); the other one if that is
 * empty. `lang` says which language the text is in.
 */
export function notificationMessage(
  language: Language,
  notification: { message: string; messageKm: string },
): { text: string; lang: Language } {
  return pickText(language, notification.message, notification.messageKm) ?? { text: '', lang: language };
}

/** The page a notification opens: its commitment, else its meeting; null when it is about neither. */
export function notificationTarget(notification: {
  commitment: { id: string } | null;
  meeting: { id: string } | null;
}): string | null {
  if (notification.commitment) return `/commitments/${encodeURIComponent(notification.commitment.id)}`;
  if (notification.meeting) return `/meetings/${encodeURIComponent(notification.meeting.id)}`;
  return null;
}

/** What the bell shows: nothing for none, the number up to 99, then "99+"; in the reader's digits. */
export function unreadLabel(count: number, language: Language = 'en'): string | null {
  if (count <= 0) return null;
  const text = count > 99 ? '99+' : String(count);
  return language === 'km' ? khmerDigits(text) : text;
}
