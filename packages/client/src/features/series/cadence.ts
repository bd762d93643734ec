/** How often a meeting series meets: a few friendly presets, each stored as an RFC 5545 RRULE. */

export type CadencePreset = 'monthly' | 'every2Months' | 'quarterly' | 'every6Months' | 'yearly';
/** What the cadence picker holds: a preset, no cadence, or an RRULE typed by hand. */
export type CadenceChoice = CadencePreset | 'none' | 'other';

/** The presets in the order the picker offers them, with the RRULE each one stores. */
export const cadencePresets: readonly { preset: CadencePreset; rrule: string }[] = [
  { preset: 'monthly', rrule: 'FREQ=MONTHLY;INTERVAL=1' },
  { preset: 'every2Months', rrule: 'FREQ=MONTHLY;INTERVAL=2' },
  { preset: 'quarterly', rrule: 'FREQ=MONTHLY;INTERVAL=3' },
  { preset: 'every6Months', rrule: 'FREQ=MONTHLY;INTERVAL=6' },
  { preset: 'yearly', rrule: 'FREQ=YEARLY;INTERVAL=1' },
];

/** An RRULE's parts by name, upper-cased, without a leading `RRULE:`; null when it is not NAME=VALUE;… */
function partsOf(rrule: string): Map<string, string> | null {
  const text = rrule
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  if (!text) return null;
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const match = /^([A-Z]+)=([A-Z0-9,+-]+)$/.exec(part);
    if (!match || parts.has(match[1])) return null;
    parts.set(match[1], match[2]);
  }
  return parts;
}

/** The preset a stored cadence is (FREQ and INTERVAL only; INTERVAL=1 may be left out), else 'other'; 'none' when empty. */
export function cadenceChoiceOf(rrule: string | null | undefined): CadenceChoice {
  if (!rrule?.trim()) return 'none';
  const parts = partsOf(rrule);
  if (!parts || [...parts.keys()].some((key) => key !== 'FREQ' && key !== 'INTERVAL')) return 'other';
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const found = cadencePresets.find((p) => {
    const preset = partsOf(p.rrule);
    return preset?.get('FREQ') === parts.get('FREQ') && Number(preset?.get('INTERVAL')) === interval;
  });
  return found?.preset ?? 'other';
}

/** The cadence to store for a choice: the preset's RRULE, the typed one (trimmed, upper-cased), or null. */
export function cadenceOfChoice(choice: CadenceChoice, other: string): string | null {
  if (choice === 'none') return null;
  if (choice === 'other')
    return (
      other
        .trim()
        .toUpperCase()
        .replace(/^RRULE:/, '') || null
    );
  return cadencePresets.find((p) => p.preset === choice)?.rrule ?? null;
}

/**
 * Whether a typed RRULE looks like one the server accepts (it checks again): FREQ first, yearly to daily,
 * then NAME=VALUE parts. Names the problem by key for the form to translate.
 */
export function otherCadenceProblem(rrule: string): 'required' | 'invalid' | undefined {
  if (!rrule.trim()) return 'required';
  const text = rrule
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  if (!/^FREQ=(YEARLY|MONTHLY|WEEKLY|DAILY)(;[A-Z]+=[A-Z0-9,+-]+)*$/.test(text) || !partsOf(text)) return 'invalid';
  return undefined;
}
