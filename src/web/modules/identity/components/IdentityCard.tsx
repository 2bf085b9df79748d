import { useEffect } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../app/error-message';
import { notifyError, notifySuccess } from '../../../app/notify';
import { meQueryKey, useCurrentUser } from '../../../app/session';
import { useSimpleForm } from '../../../app/use-simple-form';
import { updateProfile } from '../queries';

export function IdentityCard() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const form = useSimpleForm({ firstName: user.firstName, lastName: user.lastName }, (values) => ({
    firstName: values.firstName.trim() ? undefined : t('common:validation.required'),
    lastName: values.lastName.trim() ? undefined : t('common:validation.required'),
  }));
  const { setValue } = form;

  useEffect(() => {
    setValue('firstName', user.firstName);
    setValue('lastName', user.lastName);
  }, [user.firstName, user.lastName, setValue]);

  const save = useMutation({
    mutationFn: (values: { firstName: string; lastName: string }) =>
      updateProfile({ firstName: values.firstName.trim(), lastName: values.lastName.trim() }),
    meta: { handlesErrors: true },
    onSuccess: (updated) => {
      queryClient.setQueryData(meQueryKey, updated);
      notifySuccess(t('identity:profile.identity.saved'));
    },
    onError: (error) => {
      const fields = fieldErrors(error, i18n);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else notifyError(error);
    },
  });

  const unchanged = form.values.firstName === user.firstName && form.values.lastName === user.lastName;

  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4} mb="md">
        {t('identity:profile.identity.title')}
      </Title>
      <Stack gap="xs" mb="md">
        <Group gap="xs">
          <Text fw={600}>{user.displayName}</Text>
          <Badge variant="light">{t(`common:roles.${user.role}`)}</Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {user.email}
        </Text>
        <Text size="sm">
          {t('identity:profile.identity.teamLine', {
            team: user.teamName ?? t('identity:profile.identity.noTeam'),
          })}
        </Text>
      </Stack>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={t('identity:fields.firstName')}
            autoComplete="given-name"
            {...form.inputProps('firstName')}
          />
          <TextInput
            label={t('identity:fields.lastName')}
            autoComplete="family-name"
            {...form.inputProps('lastName')}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="md">
          <Button type="submit" loading={save.isPending} disabled={unchanged}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
