import { describe, expect, it } from 'vitest';
import { notificationMessage, notificationTarget, unreadLabel } from './notification-text.js';

const both = { message: 'MOLVT reported C1 completed', messageKm: 'ក្រសួងការងារបានរាយការណ៍ថា C1 បានបញ្ចប់' };

describe('notificationMessage', () => {
  it('shows the message in the reader’s language', () => {
    expect(notificationMessage('en', both)).toEqual({ text: both.message, lang: 'en' });
    expect(notificationMessage('km', both)).toEqual({ text: both.messageKm, lang: 'km' });
  });

  it('falls back to the other language when one is empty, and says which language it is in', () => {
    expect(notificationMessage('km', { message: 'Due in 3 days', messageKm: ' ' })).toEqual({
      text: 'Due in 3 days',
      lang: 'en',
    });
    expect(notificationMessage('en', { message: '', messageKm: both.messageKm })).toEqual({
      text: both.messageKm,
      lang: 'km',
    });
  });
});

describe('notificationTarget', () => {
  it('opens the commitment first, else the meeting', () => {
    expect(notificationTarget({ commitment: { id: 'Q29tbWl0bWVudDox' }, meeting: { id: 'M' } })).toBe(
      '/commitments/Q29tbWl0bWVudDox',
    );
    expect(notificationTarget({ commitment: null, meeting: { id: 'TWVldGluZzox' } })).toBe('/meetings/TWVldGluZzox');
    expect(notificationTarget({ commitment: null, meeting: null })).toBeNull();
  });

  it('keeps ids with URL characters in one path segment', () => {
    expect(notificationTarget({ commitment: { id: 'a/b=' }, meeting: null })).toBe('/commitments/a%2Fb%3D');
  });
});

describe('unreadLabel', () => {
  it('hides zero and caps large counts', () => {
    expect(unreadLabel(0)).toBeNull();
    expect(unreadLabel(7)).toBe('7');
    expect(unreadLabel(99)).toBe('99');
    expect(unreadLabel(250)).toBe('99+');
  });

  it('writes the count in Khmer digits in Khmer', () => {
    expect(unreadLabel(7, 'km')).toBe('៧');
    expect(unreadLabel(250, 'km')).toBe('៩៩+');
  });
});
