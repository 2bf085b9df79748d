import { formatPercent } from '../../../app/format';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconDownload, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { toQueryString } from '../../../app/api/client';
import { currentCursor, firstPage, goToNextPage, goToPreviousPage } from '../../../app/cursor-pager';
import { fieldErrors } from '../../../app/error-message';
import { notifyError } from '../../../app/notify';
import { hasRole, useCurrentUser } from '../../../app/session';
import { CursorPager } from '../../../components/CursorPager';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { money } from '../sales-format';
import {
  createProduct,
  keys,
  updateProduct,
  useProducts,
  type ProductBody,
  type ProductsQuery,
  type Product,
} from '../queries';

export const CATALOGUE_EDITORS = ['admin', 'expert', 'manager'] as const;
const PAGE_SIZE = 25;

export function ProductForm({
  product,
  onSaved,
  onCancel,
}: {
  product?: Product;
  onSaved: (product: Product) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation('sales');
  const [values, setValues] = useState({
    reference: product?.reference ?? '',
    name: product?.name ?? '',
    category: product?.category ?? '',
    descriptionMd: product?.descriptionMd ?? '',
    unitPrice: product?.unitPrice ?? 0,
    discountPercent: product?.discountPercent ?? 0,
    active: product?.active ?? true,
  });
  const save = useMutation({
    mutationFn: () => {
      const body = { ...values, category: values.category || null };
      return product ? updateProduct(product.id, body as ProductBody) : createProduct(body as ProductBody);
    },
    onSuccess: onSaved,
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error, i18n);
  const set = (key: keyof typeof values) => (value: unknown) => setValues((v) => ({ ...v, [key]: value }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <Group grow align="flex-start">
          <TextInput
            label={t('products.reference')}
            required
            value={values.reference}
            error={errors.reference}
            onChange={(e) => set('reference')(e.currentTarget.value)}
          />
          <TextInput
            label={t('products.category')}
            value={values.category}
            onChange={(e) => set('category')(e.currentTarget.value)}
          />
        </Group>
        <TextInput
          label={t('products.name')}
          required
          value={values.name}
          error={errors.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <NumberInput
            label={t('products.unitPrice')}
            min={0}
            decimalScale={2}
            suffix=" €"
            value={values.unitPrice}
            error={errors.unitPrice}
            onChange={(v) => set('unitPrice')(Number(v) || 0)}
          />
          <NumberInput
            label={t('products.discount')}
            min={0}
            max={100}
            decimalScale={2}
            suffix=" %"
            value={values.discountPercent}
            error={errors.discountPercent}
            onChange={(v) => set('discountPercent')(Number(v) || 0)}
          />
        </Group>
        <Textarea
          label={t('products.description')}
          description={t('products.markdown')}
          autosize
          minRows={4}
          value={values.descriptionMd}
          onChange={(e) => set('descriptionMd')(e.currentTarget.value)}
        />
        <SegmentedControl
          value={values.active ? 'on' : 'off'}
          onChange={(v) => set('active')(v === 'on')}
          data={[
            { value: 'on', label: t('products.active') },
            { value: 'off', label: t('products.inactive') },
          ]}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ProductsPage() {
  const { t, i18n } = useTranslation('sales');
  useDocumentTitle(t('products.title'));
  const user = useCurrentUser();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [active, setActive] = useState('true');
  const [pager, setPager] = useState(firstPage);
  const [creating, setCreating] = useState(false);
  const filters = { q: q || undefined, active: active === 'all' ? undefined : active };
  const products = useProducts(filters as ProductsQuery, pager.index, currentCursor(pager), PAGE_SIZE);
  const canEdit = hasRole(user, CATALOGUE_EDITORS);
  return (
    <Stack maw={1200} mx="auto">
      <PageHeader
        title={t('products.title')}
        description={t('products.subtitle')}
        mb={0}
        actions={
          <>
            <Button
              component="a"
              href={`/api/v1/products/export.csv${toQueryString(filters)}`}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              CSV
            </Button>
            {canEdit && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t('products.new')}
              </Button>
            )}
          </>
        }
      />
      <Group>
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('products.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPager(firstPage);
          }}
          style={{ flex: 1, minWidth: 200 }}
        />
        <SegmentedControl
          value={active}
          onChange={(v) => {
            setActive(v);
            setPager(firstPage);
          }}
          data={[
            { value: 'true', label: t('products.active') },
            { value: 'false', label: t('products.inactive') },
            { value: 'all', label: t('common.all') },
          ]}
        />
      </Group>
      {products.error && <ErrorState error={products.error} onRetry={() => void products.refetch()} />}
      <Card withBorder radius="md" padding={0}>
        <Table.ScrollContainer minWidth={560}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('products.reference')}</Table.Th>
                <Table.Th>{t('products.name')}</Table.Th>
                <Table.Th>{t('products.category')}</Table.Th>
                <Table.Th ta="right">{t('products.unitPrice')}</Table.Th>
                <Table.Th ta="right">{t('products.discount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.data?.items.map((p) => (
                <Table.Tr
                  key={p.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/products/${p.id}`)}
                >
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {p.reference}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/products/${p.id}`}>
                      {p.name}
                    </Anchor>{' '}
                    {!p.active && (
                      <Badge color="gray" size="xs">
                        {t('products.inactive')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{p.category}</Table.Td>
                  <Table.Td ta="right">{money(p.unitPrice, i18n.language, p.currency)}</Table.Td>
                  <Table.Td ta="right">
                    {p.discountPercent ? formatPercent(p.discountPercent, i18n.language) : '–'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {products.data?.items.length === 0 && (
          <Text c="dimmed" p="lg">
            {t('common.empty')}
          </Text>
        )}
      </Card>
      {products.data && (
        <CursorPager
          state={pager}
          pageSize={PAGE_SIZE}
          itemCount={products.data.items.length}
          total={products.data.total}
          hasNext={Boolean(products.data.nextCursor)}
          onPrevious={() => setPager(goToPreviousPage)}
          onNext={() => setPager((s) => goToNextPage(s, products.data?.nextCursor))}
        />
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('products.new')} size="lg">
        <ProductForm
          onCancel={() => setCreating(false)}
          onSaved={(p) => {
            void client.invalidateQueries({ queryKey: keys.products });
            navigate(`/products/${p.id}`);
          }}
        />
      </Modal>
    </Stack>
  );
}
