import rrulePackage from 'rrule';

const { RRule } = rrulePackage;

/** Why `cadence` is not a usable RFC 5545 RRULE (e.g. FREQ=MONTHLY;INTERVAL=3), or undefined when it is. */
export function cadenceProblem(cadence: string): string | undefined {
  const text = cadence.toUpperCase().replace(/^RRULE:/, '');
  if (!/^FREQ=(YEARLY|MONTHLY|WEEKLY|DAILY)(;[A-Z]+=[A-Z0-9,+-]+)*$/.test(text))
    return 'must be an RFC 5545 RRULE such as FREQ=MONTHLY;INTERVAL=3 (yearly, monthly, weekly or daily)';
  try {
    const rule = RRule.fromString(text);
    if (!rule.after(new Date('2000-01-01T00:00:00Z'))) return 'never repeats';
  } catch (error) {
    return `is not a valid RRULE: ${(error as Error).message}`;
  }
  return undefined;
}

/** The next time the cadence gives after `last`, counting from `last` itself; undefined without a cadence. */
export function nextFromCadence(cadence: string | null | undefined, last: Date): Date | undefined {
  if (!cadence) return undefined;
  const rule = new RRule({ ...RRule.parseString(cadence), dtstart: last });
  return rule.after(last, false) ?? undefined;
}
