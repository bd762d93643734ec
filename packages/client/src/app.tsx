import { useEffect, useState } from 'react';
import { messages, type Language } from './i18n/messages.js';

/** The shell: a bilingual welcome that checks the API answers. The real pages come with the client issue. */
export function App() {
  const [language, setLanguage] = useState<Language>(() =>
    localStorage.getItem('prachum.language') === 'km' ? 'km' : 'en',
  );
  const [apiState, setApiState] = useState<'checking' | 'ok' | 'down'>('checking');
  const t = messages[language];

  useEffect(() => {
    localStorage.setItem('prachum.language', language);
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    })
      .then((response) => setApiState(response.ok ? 'ok' : 'down'))
      .catch(() => setApiState('down'));
  }, []);

  return (
    <main
      style={{
        fontFamily: 'system-ui, "Noto Sans Khmer", sans-serif',
        maxWidth: 720,
        margin: '4rem auto',
        lineHeight: 1.6,
      }}
    >
      <h1>{t.title}</h1>
      <p>{t.tagline}</p>
      <p role="status">{t.api[apiState]}</p>
      <button type="button" onClick={() => setLanguage(language === 'en' ? 'km' : 'en')}>
        {t.switchLanguage}
      </button>
    </main>
  );
}
