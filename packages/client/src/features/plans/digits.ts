import { useLanguage } from '../../components/text.js';
import { khmerDigits } from '../../lib/format.js';

/** Counts, percentages and goal numbers as the reader writes them: Khmer digits in Khmer. */
export function useDigits(): (value: number | string) => string {
  const language = useLanguage();
  return (value) => (language === 'km' ? khmerDigits(String(value)) : String(value));
}
