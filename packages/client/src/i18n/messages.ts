/** The shell's messages in English and Khmer; every key of `en` must exist in `km`. */
export const messages = {
  en: {
    title: 'Prachum',
    tagline: 'Meetings and the commitments that follow them, for the National Committee for Counter Trafficking.',
    api: { checking: 'Checking the API…', ok: 'The API is up.', down: 'The API does not answer.' },
    switchLanguage: 'ភាសាខ្មែរ',
  },
  km: {
    title: 'ប្រជុំ',
    tagline: 'កិច្ចប្រជុំ និងការប្តេជ្ញាចិត្តដែលកើតចេញពីកិច្ចប្រជុំ សម្រាប់គណៈកម្មាធិការជាតិប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស។',
    api: { checking: 'កំពុងពិនិត្យ API…', ok: 'API ដំណើរការ។', down: 'API មិនឆ្លើយតប។' },
    switchLanguage: 'English',
  },
} as const;

export type Language = keyof typeof messages;
