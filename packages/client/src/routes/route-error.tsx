import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useDocumentTitle } from '../components/page.js';

/** Shown when a page fails to render or its code cannot be loaded (e.g. after a new version was deployed). */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  useDocumentTitle(t('errors.page.title'));
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Container size="sm" py="xl">
      <main>
        <Stack gap="md" align="flex-start" role="alert">
          <Title order={1} size="h2">
            {notFound ? t('notFound.title') : t('errors.page.title')}
          </Title>
          <Text>{notFound ? t('notFound.body') : t('errors.page.body')}</Text>
          <Stack gap="xs" align="flex-start">
            <Button onClick={() => window.location.reload()}>{t('errors.page.reload')}</Button>
            <Button component={Link} to="/" variant="default">
              {t('notFound.home')}
            </Button>
          </Stack>
        </Stack>
      </main>
    </Container>
  );
}
