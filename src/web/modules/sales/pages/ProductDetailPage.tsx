import { Badge, Button, Card, Modal, SimpleGrid, Stack, Table, Text, Title, Typography } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDateTime, formatPercent } from '../../../app/format';
import { hasRole, useCurrentUser } from '../../../app/session';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { money } from '../sales-format';
import { keys, usePriceHistory, useProduct } from '../queries';
import { DocumentsCard } from '../components/DocumentsCard';
import { CATALOGUE_EDITORS, ProductForm } from './ProductsPage';

export function ProductDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('sales');
  const user = useCurrentUser();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const product = useProduct(id);
  const history = usePriceHistory(id);
  useDocumentTitle(product.data?.name ?? t('products.title'));
  if (product.error) return <ErrorState error={product.error} />;
  const p = product.data;
  if (!p) return null;
  const lang = i18n.language;
  const canEdit = hasRole(user, CATALOGUE_EDITORS);
  const amount = (value: number | null) => (value === null ? '–' : money(value, lang, p.currency));
  return (
    <Stack maw={1100} mx="auto">
      <PageHeader
        title={p.name}
        description={`${p.reference}${p.category ? ` · ${p.category}` : ''}`}
        mb={0}
        actions={
          canEdit && (
            <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Card withBorder radius="md" padding="lg" style={{ gridColumn: 'span 2' }}>
          <Typography>
            <div
              dangerouslySetInnerHTML={{
                __html: p.descriptionHtml || `<p>${t('products.noDescription')}</p>`,
              }}
            />
          </Typography>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('products.unitPrice')}
          </Text>
          <Text fz={28} fw={700}>
            {money(p.unitPrice, lang, p.currency)}
          </Text>
          {p.discountPercent > 0 && (
            <Text c="teal">
              {t('products.discountOf', { value: formatPercent(p.discountPercent, lang) })}
            </Text>
          )}
          <Badge mt="sm" color={p.active ? 'teal' : 'gray'}>
            {p.active ? t('products.active') : t('products.inactive')}
          </Badge>
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb="xs">
            {t('products.history')}
          </Title>
          <Table.ScrollContainer minWidth={420}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('products.when')}</Table.Th>
                  <Table.Th>{t('products.who')}</Table.Th>
                  <Table.Th>{t('products.unitPrice')}</Table.Th>
                  <Table.Th>{t('products.discount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data?.items.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>{formatDateTime(h.changedAt)}</Table.Td>
                    <Table.Td>{h.changedByName ?? '–'}</Table.Td>
                    <Table.Td>
                      {h.oldPrice === null
                        ? amount(h.newPrice)
                        : `${amount(h.oldPrice)} → ${amount(h.newPrice)}`}
                    </Table.Td>
                    <Table.Td>
                      {h.oldDiscount === null
                        ? formatPercent(h.newDiscount ?? 0, lang)
                        : `${formatPercent(h.oldDiscount, lang)} → ${formatPercent(h.newDiscount, lang)}`}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
        <DocumentsCard parentType="product" parentId={p.id} canUpload={canEdit} />
      </SimpleGrid>
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('common.edit')} size="lg">
        <ProductForm
          product={p}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void client.invalidateQueries({ queryKey: keys.products });
          }}
        />
      </Modal>
    </Stack>
  );
}
