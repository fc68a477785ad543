import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import {
  Alert,
  Button,
  Group,
  List,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  BroadcastCostQuery,
  CreateBroadcastMutation,
  TemplatesQuery,
  WhatsappProfilesQuery,
} from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { formatCredits } from '../credits/money';
import SenderProfileSelect from './SenderProfileSelect';

/** What the Leads/Contacts list hands over: the checked rows, or its search. */
export interface BroadcastSelection {
  module: string;
  recordIds?: string[];
  viewSearch?: string;
}

/**
 * A new broadcast (N10): template, profile and recipients (from the list's checked rows or a
 * search); a preview with recipients, skipped ones with reasons, the price per country and the
 * messaging-limit tier; then confirm.
 */
export default function NewBroadcastPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const location = useLocation();
  const given = (location.state as BroadcastSelection | null) ?? null;

  const [module, setModule] = useState(given?.module ?? 'Leads');
  const [name, setName] = useState('');
  const [search, setSearch] = useState(given?.viewSearch ?? '');
  const recordIds = given?.recordIds && given.module === module ? given.recordIds : undefined;
  const [profileId, setProfileId] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const [{ data: profilesData }] = useQuery({ query: WhatsappProfilesQuery, requestPolicy: 'cache-and-network' });
  const [{ data: templatesData }] = useQuery({
    query: TemplatesQuery,
    variables: { module },
    requestPolicy: 'network-only',
  });
  const profiles = profilesData?.whatsappProfiles.filter((p) => p.active) ?? [];
  const approved = (templatesData?.templates ?? []).filter((tpl) => tpl.status === 'APPROVED');
  const profile = profiles.find((p) => p.id === profileId) ?? null;

  useEffect(() => {
    if (!profileId && profiles.length > 0) setProfileId(profiles[0].id);
  }, [profileId, profiles]);
  useEffect(() => setPreview(false), [module, search, profileId, templateId]);

  const input = {
    name: name.trim() || t('broadcast.defaultName'),
    profileId: profileId ?? '',
    templateId: templateId ?? '',
    module,
    recordIds: recordIds ?? null,
    viewSearch: recordIds ? null : search.trim() || null,
  };
  const [{ data: costData, fetching: costFetching, error: costError }] = useQuery({
    query: BroadcastCostQuery,
    variables: { input },
    pause: !preview || !profileId || !templateId,
    requestPolicy: 'network-only',
  });
  const cost = costData?.broadcastCost ?? null;
  const [{ fetching: creating }, create] = useMutation(CreateBroadcastMutation);

  const confirm = async () => {
    setError(null);
    const res = await create({ input });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
    if (res.data) navigate(`/broadcasts/${res.data.createBroadcast.id}`);
  };

  return (
    <Stack data-testid="new-broadcast-page">
      <Title order={2} data-testid="page-title">
        {t('broadcast.new')}
      </Title>
      <Paper withBorder p="md">
        <Stack>
          <TextInput
            label={t('broadcast.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            placeholder={t('broadcast.defaultName')}
            data-testid="broadcast-name"
          />
          <SegmentedControl
            value={module}
            onChange={(m) => {
              setModule(m);
              setTemplateId(null);
            }}
            data={[
              { value: 'Leads', label: t('nav.leads') },
              { value: 'Contacts', label: t('nav.contacts') },
            ]}
            data-testid="broadcast-module"
          />
          <SenderProfileSelect profiles={profiles} value={profileId} onChange={setProfileId} testId="broadcast-profile" />
          {profile?.qualityRating === 'RED' && (
            <Alert color="red" data-testid="quality-low">
              {t('quality.low')}
            </Alert>
          )}
          <Select
            label={t('sendTemplate.template')}
            data={approved.map((tpl) => ({ value: tpl.id, label: `${tpl.name} (${tpl.language})` }))}
            value={templateId}
            onChange={setTemplateId}
            placeholder={t('broadcast.pickTemplate')}
            data-testid="broadcast-template"
          />
          {recordIds ? (
            <Text size="sm" data-testid="broadcast-selected">
              {t('broadcast.selected', { count: recordIds.length })}
            </Text>
          ) : (
            <TextInput
              label={t('broadcast.search')}
              description={t('broadcast.searchHint')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-testid="broadcast-search"
            />
          )}
          <Group>
            <Button
              variant="default"
              onClick={() => setPreview(true)}
              disabled={!profileId || !templateId}
              loading={preview && costFetching}
              data-testid="broadcast-preview"
            >
              {t('broadcast.preview')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      {preview && costError && (
        <Alert color="red" className="pre-wrap" data-testid="broadcast-error">
          {errorMessage(costError, t)}
        </Alert>
      )}
      {preview && cost && (
        <Paper withBorder p="md" data-testid="broadcast-cost">
          <Stack>
            <Group gap="xl">
              <Text data-testid="cost-recipients">{t('broadcast.recipientsCount', { count: cost.recipients })}</Text>
              <Text data-testid="cost-skipped">{t('broadcast.skippedCount', { count: cost.skipped })}</Text>
              <Text fw={700} data-testid="cost-total">
                {t('broadcast.total')}: {formatCredits(cost.total, cost.currency, lang)}
              </Text>
            </Group>
            <Table data-testid="cost-by-country">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('broadcast.country')}</Table.Th>
                  <Table.Th>{t('broadcast.counters.recipients')}</Table.Th>
                  <Table.Th>{t('broadcast.total')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cost.byCountry.map((c) => (
                  <Table.Tr key={c.country}>
                    <Table.Td>{c.country || '—'}</Table.Td>
                    <Table.Td>{c.recipients}</Table.Td>
                    <Table.Td>{formatCredits(c.total, cost.currency, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {cost.skipped > 0 && (
              <>
                <Text size="sm" fw={600}>
                  {t('broadcast.skippedTitle')}
                </Text>
                <List size="sm" data-testid="cost-skipped-list">
                  {cost.skippedRecipients.map((r) => (
                    <List.Item key={r.recordId}>
                      {r.name} — {t(`broadcast.reasons.${r.skipReason ?? ''}`, { defaultValue: r.skipReason ?? '' })}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
            {cost.tierLimit != null && (
              <Text size="sm" c="dimmed" data-testid="cost-tier">
                {t('broadcast.tierUse', { used: cost.tierUsed, adds: cost.tierNew, limit: cost.tierLimit })}
              </Text>
            )}
            {!cost.withinTier && (
              <Alert color="orange" data-testid="cost-tier-exceeded">
                {t('broadcast.tierExceeded', { limit: cost.tierLimit, used: cost.tierUsed, adds: cost.tierNew })}
              </Alert>
            )}
            {error && (
              <Alert color="red" className="pre-wrap" data-testid="broadcast-create-error">
                {error}
              </Alert>
            )}
            <Group>
              <Button
                onClick={confirm}
                loading={creating}
                disabled={cost.recipients === 0 || !cost.withinTier}
                data-testid="broadcast-confirm"
              >
                {t('broadcast.confirm', { count: cost.recipients })}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
