import { useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconListDetails, IconPlus, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { RecordQuery, UpdateRecordMutation } from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { useRecordSearch, withCurrent } from './pickers';
import {
  formatMoney,
  formatNumber,
  minorToInput,
  parseDecimalInput,
  parseMoneyInput,
} from '../format';
import { recordPath } from '../modules';
import type { RecordValues } from './meta';

/** One stored line item, as the server returns it (computed amounts included). */
export interface LineItem {
  product: string;
  productName?: string;
  quantity: number;
  unitPrice?: number;
  discount?: number;
  taxPercent?: number;
  amount?: number;
  netAmount?: number;
  taxAmount?: number;
  total?: number;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** The `Line_Items` value of a record, tolerant of missing or odd entries. */
export function readLineItems(value: unknown): LineItem[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is Record<string, unknown> => !!v && typeof v === 'object')
    .map((v) => ({
      product: typeof v.product === 'string' ? v.product : String(v.product ?? ''),
      productName: typeof v.productName === 'string' ? v.productName : undefined,
      quantity: num(v.quantity) ?? 0,
      unitPrice: num(v.unitPrice),
      discount: num(v.discount),
      taxPercent: num(v.taxPercent),
      amount: num(v.amount),
      netAmount: num(v.netAmount),
      taxAmount: num(v.taxAmount),
      total: num(v.total),
    }));
}

/** The server's arithmetic (half away from zero), for the editor's live preview. */
function roundHalfAway(n: number): number {
  return Math.sign(n) * Math.round(Math.abs(n));
}

export function computeLine(quantity: number, unitPrice: number, discount: number, taxPercent: number) {
  const amount = roundHalfAway(quantity * unitPrice);
  const netAmount = amount - discount;
  const taxAmount = roundHalfAway((netAmount * taxPercent) / 100);
  return { amount, netAmount, taxAmount, total: netAmount + taxAmount };
}

/** A product's name: the stored `productName`, else the Products record's display name. */
function ProductName({ id, name }: { id: string; name?: string }) {
  const [{ data }] = useQuery({
    query: RecordQuery,
    variables: { module: 'Products', id },
    pause: !!name || !id,
  });
  const text = name || data?.record?.displayName || id;
  return (
    <Anchor component={Link} to={recordPath('Products', id)} size="sm">
      {text}
    </Anchor>
  );
}

/**
 * The line-items table of a quote, order or invoice with Sub Total / Tax / Grand Total, and the
 * "Edit line items" editor.
 */
export default function LineItemsSection({
  module,
  recordId,
  values,
}: {
  module: string;
  recordId: string;
  values: RecordValues;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [editing, setEditing] = useState(false);
  const items = readLineItems(values.Line_Items);
  const money = (v: unknown) => {
    const n = num(v);
    return n === undefined ? t('common.none') : formatMoney(n, lang);
  };

  return (
    <Paper withBorder p="md" data-testid="line-items">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('lineItems.title')}</Title>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconListDetails size={16} />}
          onClick={() => setEditing(true)}
          data-testid="edit-line-items"
        >
          {t('lineItems.edit')}
        </Button>
      </Group>
      <ScrollArea viewportProps={{ tabIndex: 0 }}>
        <Table verticalSpacing="xs" data-testid="line-items-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lineItems.product')}</Table.Th>
              <Table.Th ta="right">{t('lineItems.quantity')}</Table.Th>
              <Table.Th ta="right">{t('lineItems.unitPrice')}</Table.Th>
              <Table.Th ta="right">{t('lineItems.discount')}</Table.Th>
              <Table.Th ta="right">{t('lineItems.taxPercent')}</Table.Th>
              <Table.Th ta="right">{t('lineItems.lineTotal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, i) => (
              <Table.Tr key={i} data-testid="line-item-row">
                <Table.Td data-testid="line-item-product">
                  <ProductName id={item.product} name={item.productName} />
                </Table.Td>
                <Table.Td ta="right">{formatNumber(item.quantity, lang)}</Table.Td>
                <Table.Td ta="right">{money(item.unitPrice)}</Table.Td>
                <Table.Td ta="right">{money(item.discount ?? 0)}</Table.Td>
                <Table.Td ta="right">{formatNumber(item.taxPercent ?? 0, lang)} %</Table.Td>
                <Table.Td ta="right" data-testid="line-item-total">
                  {money(item.total)}
                </Table.Td>
              </Table.Tr>
            ))}
            {items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed" ta="center" py="sm" data-testid="line-items-empty">
                    {t('lineItems.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Td colSpan={5} ta="right">
                {t('lineItems.subTotal')}
              </Table.Td>
              <Table.Td ta="right" data-testid="total-Sub_Total">
                {money(values.Sub_Total)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td colSpan={5} ta="right">
                {t('lineItems.tax')}
              </Table.Td>
              <Table.Td ta="right" data-testid="total-Tax">
                {money(values.Tax)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td colSpan={5} ta="right" fw={700}>
                {t('lineItems.grandTotal')}
              </Table.Td>
              <Table.Td ta="right" fw={700} data-testid="total-Grand_Total">
                {money(values.Grand_Total)}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </ScrollArea>

      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('lineItems.edit')}
        size="80rem"
      >
        {editing && (
          <LineItemsEditor
            module={module}
            recordId={recordId}
            items={items}
            onDone={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        )}
      </Modal>
    </Paper>
  );
}

interface Row {
  key: number;
  product: string | null;
  productName?: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  taxPercent: string;
}

interface ProductOption {
  id: string;
  name: string;
  unitPrice?: number;
}

/** A searchable picker of Products records; reports the picked product with its unit price. */
function ProductSelect({
  value,
  initialText,
  onChange,
  error,
  testId,
}: {
  value: string | null;
  initialText?: string;
  onChange: (product: ProductOption | null) => void;
  error?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { records, fetching, setSearch } = useRecordSearch('Products', 50);
  const products = useMemo(
    () =>
      (records ?? []).map(
        (r): ProductOption => ({ id: r.id, name: r.displayName || r.id, unitPrice: num(r.values.Unit_Price) }),
      ),
    [records],
  );
  const options = useMemo(
    () => withCurrent(products.map((p) => ({ value: p.id, label: p.name })), value, initialText),
    [products, value, initialText],
  );

  return (
    <Select
      data={options}
      value={value}
      onChange={(id) => onChange(id ? (products.find((p) => p.id === id) ?? { id, name: id }) : null)}
      searchable
      onSearchChange={setSearch}
      placeholder={t('lineItems.pickProduct')}
      nothingFoundMessage={fetching ? t('app.loading') : t('records.empty')}
      filter={({ options: opts }) => opts}
      error={error}
      aria-label={t('lineItems.product')}
      miw={200}
      data-testid={testId}
    />
  );
}

let nextKey = 1;

function toRow(item: LineItem, lang: string): Row {
  return {
    key: nextKey++,
    product: item.product || null,
    productName: item.productName,
    quantity: decimalText(item.quantity, lang),
    unitPrice: minorToInput(item.unitPrice, lang),
    discount: item.discount ? minorToInput(item.discount, lang) : '',
    taxPercent: item.taxPercent ? decimalText(item.taxPercent, lang) : '',
  };
}

function decimalText(n: number, lang: string): string {
  return lang === 'de' ? String(n).replace('.', ',') : String(n);
}

function emptyRow(): Row {
  return { key: nextKey++, product: null, quantity: '1', unitPrice: '', discount: '', taxPercent: '' };
}

function decimals(n: number): number {
  const s = String(n);
  const i = s.indexOf('.');
  return i === -1 ? 0 : s.length - i - 1;
}

/** Add/remove rows, pick products, type numbers; saves the whole list with `updateRecord`. */
function LineItemsEditor({
  module,
  recordId,
  items,
  onDone,
  onCancel,
}: {
  module: string;
  recordId: string;
  items: LineItem[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [rows, setRows] = useState<Row[]>(() => (items.length ? items.map((it) => toRow(it, lang)) : [emptyRow()]));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [{ fetching }, updateRecord] = useMutation(UpdateRecordMutation);

  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  // Parsed numbers per row, for validation and the live preview.
  const parsed = rows.map((r) => ({
    quantity: parseDecimalInput(r.quantity),
    unitPrice: r.unitPrice.trim() ? parseMoneyInput(r.unitPrice) : undefined,
    discount: r.discount.trim() ? parseMoneyInput(r.discount) : 0,
    taxPercent: r.taxPercent.trim() ? parseDecimalInput(r.taxPercent) : 0,
  }));

  const previews = parsed.map((p) =>
    p.quantity != null && p.unitPrice != null && p.discount != null && p.taxPercent != null
      ? computeLine(p.quantity, p.unitPrice, p.discount, p.taxPercent)
      : null,
  );
  const allKnown = previews.every((p) => p !== null);
  const sub = previews.reduce((s, p) => s + (p?.netAmount ?? 0), 0);
  const tax = previews.reduce((s, p) => s + (p?.taxAmount ?? 0), 0);

  const save = async () => {
    setFormError(null);
    const errs: Record<string, string> = {};
    const out: Record<string, unknown>[] = [];
    rows.forEach((r, i) => {
      const p = parsed[i];
      if (!r.product) errs[`${r.key}.product`] = t('records.required');
      if (p.quantity == null || p.quantity <= 0 || decimals(p.quantity) > 3)
        errs[`${r.key}.quantity`] = t('lineItems.invalidQuantity');
      if (p.unitPrice === null || (p.unitPrice !== undefined && p.unitPrice < 0))
        errs[`${r.key}.unitPrice`] = t('records.invalidNumber');
      if (p.discount == null || p.discount < 0) errs[`${r.key}.discount`] = t('records.invalidNumber');
      if (p.taxPercent == null || p.taxPercent < 0 || p.taxPercent > 100 || decimals(p.taxPercent) > 2)
        errs[`${r.key}.taxPercent`] = t('lineItems.invalidTax');
      const item: Record<string, unknown> = { product: r.product, quantity: p.quantity };
      if (p.unitPrice != null) item.unitPrice = p.unitPrice;
      if (p.discount) item.discount = p.discount;
      if (p.taxPercent) item.taxPercent = p.taxPercent;
      out.push(item);
    });
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const res = await updateRecord({ module, id: recordId, values: { Line_Items: out } });
    if (res.error) {
      setFormError(errorMessage(res.error, t));
      return;
    }
    onDone();
  };

  return (
    <Stack data-testid="line-items-editor">
      {formError && (
        <Alert color="red" className="pre-wrap" data-testid="line-items-error">
          {formError}
        </Alert>
      )}
      <ScrollArea viewportProps={{ tabIndex: 0 }}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lineItems.product')}</Table.Th>
              <Table.Th>{t('lineItems.quantity')}</Table.Th>
              <Table.Th>{t('lineItems.unitPrice')}</Table.Th>
              <Table.Th>{t('lineItems.discount')}</Table.Th>
              <Table.Th>{t('lineItems.taxPercent')}</Table.Th>
              <Table.Th ta="right">{t('lineItems.lineTotal')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.key} data-testid="line-item-edit-row">
                <Table.Td>
                  <ProductSelect
                    value={r.product}
                    initialText={r.productName}
                    error={errors[`${r.key}.product`]}
                    testId={`line-item-product-${i}`}
                    onChange={(p) =>
                      update(r.key, {
                        product: p?.id ?? null,
                        productName: p?.name,
                        // Start from the product's price; it stays editable.
                        ...(p && p.unitPrice !== undefined ? { unitPrice: minorToInput(p.unitPrice, lang) } : {}),
                      })
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    w={90}
                    inputMode="decimal"
                    value={r.quantity}
                    error={errors[`${r.key}.quantity`]}
                    onChange={(e) => update(r.key, { quantity: e.currentTarget.value })}
                    aria-label={t('lineItems.quantity')}
                    data-testid={`line-item-quantity-${i}`}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    w={120}
                    inputMode="decimal"
                    rightSection="€"
                    placeholder={t('lineItems.productPrice')}
                    value={r.unitPrice}
                    error={errors[`${r.key}.unitPrice`]}
                    onChange={(e) => update(r.key, { unitPrice: e.currentTarget.value })}
                    aria-label={t('lineItems.unitPrice')}
                    data-testid={`line-item-unit-price-${i}`}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    w={110}
                    inputMode="decimal"
                    rightSection="€"
                    placeholder="0"
                    value={r.discount}
                    error={errors[`${r.key}.discount`]}
                    onChange={(e) => update(r.key, { discount: e.currentTarget.value })}
                    aria-label={t('lineItems.discount')}
                    data-testid={`line-item-discount-${i}`}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    w={90}
                    inputMode="decimal"
                    rightSection="%"
                    placeholder="0"
                    value={r.taxPercent}
                    error={errors[`${r.key}.taxPercent`]}
                    onChange={(e) => update(r.key, { taxPercent: e.currentTarget.value })}
                    aria-label={t('lineItems.taxPercent')}
                    data-testid={`line-item-tax-${i}`}
                  />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{previews[i] ? formatMoney(previews[i].total, lang) : t('common.none')}</Text>
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    aria-label={t('lineItems.removeRow')}
                    data-testid={`line-item-remove-${i}`}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Group justify="space-between" align="flex-start">
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() => setRows((rs) => [...rs, emptyRow()])}
          data-testid="line-item-add"
        >
          {t('lineItems.addRow')}
        </Button>
        <Stack gap={2} align="flex-end">
          <Text size="sm">
            {t('lineItems.subTotal')}: {formatMoney(sub, lang)}
          </Text>
          <Text size="sm">
            {t('lineItems.tax')}: {formatMoney(tax, lang)}
          </Text>
          <Text size="sm" fw={700}>
            {t('lineItems.grandTotal')}: {formatMoney(sub + tax, lang)}
          </Text>
          {!allKnown && (
            <Text size="xs" c="dimmed">
              {t('lineItems.previewNote')}
            </Text>
          )}
        </Stack>
      </Group>
      <Group justify="flex-end" className="dialog-footer">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button loading={fetching} onClick={() => void save()} data-testid="line-items-save">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
