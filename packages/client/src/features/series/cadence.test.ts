import { describe, expect, it } from 'vitest';
import { cadenceChoiceOf, cadenceOfChoice, cadencePresets, otherCadenceProblem } from './cadence.js';

describe('cadence presets', () => {
  it('stores each preset as an RRULE and reads it back as the same preset', () => {
    for (const { preset, rrule } of cadencePresets) {
      expect(cadenceOfChoice(preset, '')).toBe(rrule);
      expect(cadenceChoiceOf(rrule)).toBe(preset);
    }
    expect(cadenceOfChoice('quarterly', '')).toBe('FREQ=MONTHLY;INTERVAL=3');
  });

  it('recognises a preset however the RRULE is written', () => {
    expect(cadenceChoiceOf('FREQ=MONTHLY')).toBe('monthly');
    expect(cadenceChoiceOf('RRULE:freq=monthly;interval=3')).toBe('quarterly');
    expect(cadenceChoiceOf('INTERVAL=6;FREQ=MONTHLY')).toBe('every6Months');
    expect(cadenceChoiceOf('FREQ=YEARLY')).toBe('yearly');
  });

  it('calls anything else "other", and an empty cadence "none"', () => {
    expect(cadenceChoiceOf('FREQ=WEEKLY;INTERVAL=2')).toBe('other');
    expect(cadenceChoiceOf('FREQ=MONTHLY;INTERVAL=3;BYDAY=TU')).toBe('other');
    expect(cadenceChoiceOf('FREQ=MONTHLY;INTERVAL=4')).toBe('other');
    expect(cadenceChoiceOf('every quarter')).toBe('other');
    expect(cadenceChoiceOf(null)).toBe('none');
    expect(cadenceChoiceOf('  ')).toBe('none');
  });

  it('stores a typed RRULE tidied, and nothing for "none"', () => {
    expect(cadenceOfChoice('other', ' rrule:FREQ=WEEKLY;INTERVAL=2 ')).toBe('FREQ=WEEKLY;INTERVAL=2');
    expect(cadenceOfChoice('other', '  ')).toBeNull();
    expect(cadenceOfChoice('none', 'FREQ=WEEKLY')).toBeNull();
  });

  it('checks a typed RRULE before it is sent', () => {
    expect(otherCadenceProblem('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO')).toBeUndefined();
    expect(otherCadenceProblem('freq=monthly;bymonthday=-1')).toBeUndefined();
    expect(otherCadenceProblem('')).toBe('required');
    expect(otherCadenceProblem('INTERVAL=2;FREQ=WEEKLY')).toBe('invalid');
    expect(otherCadenceProblem('FREQ=HOURLY')).toBe('invalid');
    expect(otherCadenceProblem('FREQ=MONTHLY;INTERVAL=2;INTERVAL=3')).toBe('invalid');
  });
});
