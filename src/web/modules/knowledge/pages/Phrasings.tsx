import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../app/notify';
import { keys, removePhrasing, usePhrasings } from '../queries';

/**
 * The questions that led people to this item (KB-3 item 5), for experts: most used first, with
 * who asked first; "Remove" takes a wrong one out of the search for good.
 */
export function Phrasings({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const phrasings = usePhrasings(id);
  const remove = useMutation({
    mutationFn: (phrasingId: string) => removePhrasing(id, phrasingId),
    onSuccess: () => {
      notifySuccess(t('knowledge:phrasings.removedDone'));
      client.invalidateQueries({ queryKey: keys.phrasings(id) });
    },
  });
  const items = phrasings.data?.items ?? [];
  return (
    <Card withBorder data-testid="knowledge-phrasings">
      <Title order={4}>{t('knowledge:phrasings.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('knowledge:phrasings.help')}
      </Text>
      <Stack gap={6} mt="sm">
        {phrasings.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('knowledge:phrasings.empty')}
          </Text>
        )}
        {items.map((p) => (
          <Group key={p.id} gap="xs" wrap="nowrap" justify="space-between" data-testid="knowledge-phrasing">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text
                size="sm"
                fw={500}
                td={p.status === 'removed' ? 'line-through' : undefined}
                style={{ overflowWrap: 'anywhere' }}
              >
                {p.text}
              </Text>
              <Text size="xs" c="dimmed">
                {t('knowledge:phrasings.uses', { count: p.uses })}
                {p.askedBy ? ` · ${t('knowledge:phrasings.askedBy', { name: p.askedBy.name })}` : ''}
              </Text>
            </Stack>
            {p.status === 'removed' ? (
              <Badge color="gray" variant="light" style={{ flexShrink: 0 }}>
                {t('knowledge:phrasings.removed')}
              </Badge>
            ) : (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                style={{ flexShrink: 0 }}
                aria-label={t('knowledge:phrasings.removeLabel', { text: p.text })}
                loading={remove.isPending && remove.variables === p.id}
                onClick={() => remove.mutate(p.id)}
              >
                {t('knowledge:phrasings.remove')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
