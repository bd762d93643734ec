import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconFileText, IconFileTypePdf, IconFileWord, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { minutesUrl } from '../../lib/documents.js';

const choices = [
  { format: 'pdf', lang: 'en' },
  { format: 'pdf', lang: 'km' },
  { format: 'docx', lang: 'en' },
  { format: 'docx', lang: 'km' },
] as const;

/** The official minutes as the server makes them (PDF or Word, English or Khmer), then the browser's print view. */
export function MinutesDownloadMenu({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconFileText size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            data-testid="minutes-download"
          >
            {t('minutesDownload.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('minutesDownload.official')}</Menu.Label>
          {choices.map(({ format, lang }) => (
            <Menu.Item
              key={`${format}-${lang}`}
              component="a"
              href={minutesUrl(meetingId, format, lang)}
              download
              leftSection={
                format === 'pdf' ? <IconFileTypePdf size={14} aria-hidden /> : <IconFileWord size={14} aria-hidden />
              }
              data-testid={`minutes-${format}-${lang}`}
            >
              {t(`minutesDownload.${format}.${lang}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {/* The browser's print view stays, beside the official documents (journeys 1 and 8 use it). */}
      <Button
        component={Link}
        to={`/meetings/${encodeURIComponent(meetingId)}/print`}
        variant="subtle"
        leftSection={<IconPrinter size={16} aria-hidden />}
      >
        {t('meetings.printable')}
      </Button>
    </>
  );
}
