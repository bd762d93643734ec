import { Anchor, Breadcrumbs, Card, Group, type GroupProps, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Sets the browser tab's title. */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}

/** A page's heading, breadcrumbs and main actions. */
export function PageHeader({
  title,
  documentTitle,
  crumbs,
  actions,
  children,
}: {
  title: ReactNode;
  documentTitle?: string;
  crumbs?: { label: ReactNode; to: string }[];
  actions?: ReactNode;
  children?: ReactNode;
}) {
  useDocumentTitle(documentTitle ?? (typeof title === 'string' ? title : ''));
  const { t } = useTranslation();
  return (
    <Stack gap="xs" mb="lg">
      {crumbs && crumbs.length > 0 ? (
        <nav aria-label={t('nav.breadcrumbs')} className="no-print">
          <Breadcrumbs>
            {crumbs.map((crumb) => (
              <Anchor component={Link} to={crumb.to} key={crumb.to} size="sm">
                {crumb.label}
              </Anchor>
            ))}
          </Breadcrumbs>
        </nav>
      ) : null}
      <Group justify="space-between" align="flex-start" gap="md">
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions ? (
          <Group gap="xs" className="no-print">
            {actions}
          </Group>
        ) : null}
      </Group>
      {children}
    </Stack>
  );
}

/** A label above its value, small: reads well on a phone where a table would not fit. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** A titled panel of a page, named by its title for screen readers, with an `action` (a link, a button) beside it. */
export function SectionCard({
  title,
  action,
  headerGap,
  children,
}: {
  title: string;
  action?: ReactNode;
  headerGap?: GroupProps['gap'];
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm" gap={headerGap}>
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}
