import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CompletionLevelBadge } from '../../components/badges.js';
import { completionLevels } from './due-dates.js';

/** A short key to the OGP IRM completion scale the dashboards and reports count by. */
export function CompletionScale() {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="completion-scale">
      <Text size="xs" c="dimmed">
        {t('completion.scaleIntro')}
      </Text>
      <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {completionLevels.map((level) => (
          <Group key={level} gap="xs" component="li" wrap="nowrap">
            <CompletionLevelBadge level={level} />
            <Text size="xs">{t(`completion.meaning.${level}`)}</Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
