import { useMemo, useRef } from 'react';
import { Alert, Box, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { labelOf } from '../records/meta';
import { mergeableFields, mergeToken, parseMerge, type ModuleInfo } from './merge';

/**
 * A textarea for text with merge fields (`$[Leads.First Name]`): a picker that inserts the
 * chosen field of `module` at the cursor, and a live preview in which each field shows as a
 * sample value (its label in brackets). Fields of other modules or unknown fields are flagged.
 */
export default function MergeFieldTextarea({
  label,
  value,
  onChange,
  module,
  modules,
  testId,
  required,
  maxLength,
  minRows = 4,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  module: ModuleInfo | null;
  modules: ModuleInfo[];
  testId: string;
  required?: boolean;
  maxLength?: number;
  minRows?: number;
  error?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ref = useRef<HTMLTextAreaElement>(null);

  const options = useMemo(
    () =>
      module
        ? mergeableFields(module).map((f) => ({
            value: mergeToken(module, f),
            label: `${labelOf(f, lang)}  ${mergeToken(module, f)}`,
          }))
        : [],
    [module, lang],
  );

  const insert = (token: string | null) => {
    if (!token) return;
    const el = ref.current;
    const start = el ? el.selectionStart : value.length;
    const end = el ? el.selectionEnd : value.length;
    const next = value.slice(0, start) + token + value.slice(end);
    onChange(next);
    const caret = start + token.length;
    window.requestAnimationFrame(() => {
      if (!ref.current) return;
      ref.current.focus();
      ref.current.setSelectionRange(caret, caret);
    });
  };

  const segments = useMemo(() => parseMerge(value, modules, module?.apiName ?? null), [value, modules, module]);
  const invalid = segments.filter((s) => s.kind === 'invalid');

  return (
    <Stack gap="xs">
      <Textarea
        ref={ref}
        label={label}
        required={required}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={minRows}
        maxRows={14}
        maxLength={maxLength}
        error={error}
        description={maxLength ? t('merge.length', { count: value.length, max: maxLength }) : undefined}
        data-testid={testId}
      />
      <Group gap="xs" align="flex-end">
        <Select
          label={t('merge.insert')}
          placeholder={module ? t('merge.pickField') : t('merge.pickModuleFirst')}
          data={options}
          value={null}
          onChange={insert}
          searchable
          disabled={!module}
          nothingFoundMessage={t('common.none')}
          data-testid={`${testId}-merge-field`}
          style={{ flex: 1 }}
        />
      </Group>
      <Box>
        <Text size="xs" c="dimmed" mb={4}>
          {t('merge.preview')}
        </Text>
        <Paper withBorder p="sm" bg="gray.0" data-testid={`${testId}-preview`}>
          {value.trim() === '' ? (
            <Text size="sm" c="dimmed">
              {t('merge.emptyPreview')}
            </Text>
          ) : (
            <Text size="sm" className="pre-wrap">
              {segments.map((s, i) => {
                if (s.kind === 'text') return <span key={i}>{s.text}</span>;
                if (s.kind === 'field')
                  return (
                    <Text span key={i} c="teal.9" fw={600}>
                      [{labelOf(s.field, lang)}]
                    </Text>
                  );
                return (
                  <Text span key={i} c="red" td="underline">
                    {s.token}
                  </Text>
                );
              })}
            </Text>
          )}
        </Paper>
      </Box>
      {invalid.length > 0 && (
        <Alert color="yellow" p="xs" data-testid={`${testId}-merge-warning`}>
          <Stack gap={2}>
            {invalid.map((s, i) =>
              s.kind === 'invalid' ? (
                <Text size="xs" key={i}>
                  {s.token}: {t(`merge.invalid.${s.reason}`, { module: module ? labelOf(module, lang) : '' })}
                </Text>
              ) : null,
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
