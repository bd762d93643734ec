import { Button } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage } from '../i18n/i18n.js';

/** Switches between English and Khmer in this browser; the label is written in the language it switches to. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const next = i18n.language === 'km' ? 'en' : 'km';
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconLanguage size={16} aria-hidden />}
      onClick={() => void chooseLanguage(next)}
      data-testid="language-switch"
      lang={next}
    >
      {next === 'km' ? 'ភាសាខ្មែរ' : 'English'}
    </Button>
  );
}
