import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Button, Group, Loader, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import Toast from '../components/Toast';
import {
  RecordQuery,
  SendCostQuery,
  SendTemplateMutation,
  TemplatePreviewQuery,
  TemplatesQuery,
  WhatsappProfilesQuery,
} from '../graphql/operations';
import { errorMessage, hasErrorCode } from '../graphql/errors';
import { formatCredits } from '../credits/money';
import { useViewer } from '../auth/session';
import { labelOf, referenceId, referenceText, useModuleMeta } from '../records/meta';
import { PERSON_MODULES } from './merge';
import SenderProfileSelect from '../broadcast/SenderProfileSelect';

export interface TemplateTarget {
  /** The record the template's merge fields are read from (any module). */
  module: string;
  id: string;
  displayName: string;
  values: Record<string, unknown>;
}

/**
 * For a record of another module (a Quote, say), the Lead or Contact its messages go to (F9):
 * the Contact it links to, else the Lead. The server resolves it the same way.
 */
export function linkedPerson(values: Record<string, unknown>): { module: string; id: string; name: string } | null {
  for (const [field, module] of [
    ['Contact_Name', 'Contacts'],
    ['Lead_Name', 'Leads'],
  ] as const) {
    const id = referenceId(values[field]);
    if (id) return { module, id, name: referenceText(values[field]) };
  }
  return null;
}

/**
 * F10 "Send WhatsApp template": pick a profile, one of the recipient's numbers, an approved
 * template of the record's module; preview it with the record's values; send.
 */
export default function SendTemplateDialog({
  opened,
  onClose,
  target,
  onSent,
}: {
  opened: boolean;
  onClose: () => void;
  target: TemplateTarget;
  onSent: (conversationId: string | null) => void;
}) {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  return (
    <>
      <Modal opened={opened} onClose={onClose} title={t('sendTemplate.title')} size="lg">
        {opened && (
          <SendTemplateForm
            target={target}
            onCancel={onClose}
            onSent={(conversationId) => {
              setSent(true);
              onSent(conversationId);
            }}
          />
        )}
      </Modal>
      <Toast opened={sent} onClose={() => setSent(false)} title={t('composer.sent')} testId="template-sent-toast" autoCloseMs={6_000} />
    </>
  );
}

function SendTemplateForm({
  target,
  onCancel,
  onSent,
}: {
  target: TemplateTarget;
  onCancel: () => void;
  onSent: (conversationId: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useViewer();
  const isPerson = PERSON_MODULES.includes(target.module);
  const linked = isPerson ? null : linkedPerson(target.values);

  // The recipient (the record itself, or its linked Lead/Contact) and its phone fields.
  const [{ data: linkedData, fetching: linkedFetching }] = useQuery({
    query: RecordQuery,
    variables: { module: linked?.module ?? '', id: linked?.id ?? '' },
    pause: !linked,
  });
  const recipientModule = isPerson ? target.module : (linked?.module ?? '');
  const recipientValues = isPerson ? target.values : (linkedData?.record?.values ?? null);
  const recipientName = isPerson ? target.displayName : (linkedData?.record?.displayName ?? linked?.name ?? '');
  const { module: recipientMeta } = useModuleMeta(recipientModule);

  const [{ data: profilesData, fetching: profilesFetching, error: profilesError }] = useQuery({
    query: WhatsappProfilesQuery,
    requestPolicy: 'cache-and-network',
  });
  const [{ data: templatesData, fetching: templatesFetching, error: templatesError }] = useQuery({
    query: TemplatesQuery,
    variables: { module: target.module },
    requestPolicy: 'network-only',
  });

  const profiles = profilesData?.whatsappProfiles.filter((p) => p.active) ?? [];
  const approved = (templatesData?.templates ?? []).filter((tpl) => tpl.status === 'APPROVED');
  const notApproved = (templatesData?.templates ?? []).length - approved.length;

  const phoneOptions = useMemo(() => {
    if (!recipientMeta || !recipientValues) return [];
    const phones = recipientMeta.fields.filter((f) => f.fieldType === 'PHONE');
    // Mobile first (the server's default), then the other phone fields in field order.
    phones.sort((a, b) => (a.apiName === 'Mobile' ? -1 : b.apiName === 'Mobile' ? 1 : 0));
    return phones
      .filter((f) => {
        const v = recipientValues[f.apiName];
        return typeof v === 'string' && v.trim() !== '';
      })
      .map((f) => ({ value: f.apiName, label: `${labelOf(f, lang)}: ${String(recipientValues[f.apiName])}` }));
  }, [recipientMeta, recipientValues, lang]);

  const [profileId, setProfileId] = useState<string | null>(null);
  const [phoneField, setPhoneField] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Defaults: the first usable profile and the first number present.
  useEffect(() => {
    if (!profileId && profiles.length > 0) setProfileId(profiles[0].id);
  }, [profileId, profiles]);
  useEffect(() => {
    if ((!phoneField || !phoneOptions.some((o) => o.value === phoneField)) && phoneOptions.length > 0)
      setPhoneField(phoneOptions[0].value);
  }, [phoneField, phoneOptions]);

  const template = approved.find((tpl) => tpl.id === templateId) ?? null;
  const [{ data: previewData, fetching: previewFetching, error: previewError }] = useQuery({
    query: TemplatePreviewQuery,
    variables: { templateId: templateId ?? '', module: target.module, recordId: target.id },
    pause: !templateId,
    requestPolicy: 'network-only',
  });

  const [{ fetching: sending }, sendTemplate] = useMutation(SendTemplateMutation);
  const [noCredits, setNoCredits] = useState(false);
  const costInput = { profileId: profileId ?? '', module: target.module, recordId: target.id, templateId: templateId ?? '', phoneField };
  const [{ data: costData, error: costError }] = useQuery({
    query: SendCostQuery,
    variables: { input: costInput },
    pause: !profileId || !templateId || !phoneField,
    requestPolicy: 'network-only',
  });
  const cost = costData?.sendCost ?? null;

  const send = async () => {
    setError(null);
    if (!profileId || !templateId || !phoneField) return;
    const res = await sendTemplate({
      input: { profileId, module: target.module, recordId: target.id, templateId, phoneField },
    });
    if (res.error) {
      setNoCredits(hasErrorCode(res.error, 'INSUFFICIENT_CREDITS'));
      setError(errorMessage(res.error, t));
      return;
    }
    onSent(res.data?.sendTemplate.conversation?.id ?? null);
  };

  const loadingRecipient = !isPerson && linked && linkedFetching;
  const noRecipient = !isPerson && !linked;

  return (
    <Stack data-testid="send-template-dialog">
      {(profilesError || templatesError) && (
        <Alert color="red" className="pre-wrap">
          {errorMessage(profilesError ?? templatesError, t)}
        </Alert>
      )}
      <Text size="sm">
        {t('sendTemplate.to')}: <b>{recipientName || target.displayName}</b>
        {!isPerson && linked && (
          <Text span size="xs" c="dimmed">
            {' '}
            ({t('sendTemplate.viaLinked', { module: target.module })})
          </Text>
        )}
      </Text>
      {noRecipient && (
        <Alert color="yellow" data-testid="send-template-no-recipient">
          {t('sendTemplate.noRecipient')}
        </Alert>
      )}

      <SenderProfileSelect
        profiles={profiles}
        value={profileId}
        onChange={setProfileId}
        disabled={profiles.length === 0}
        placeholder={profilesFetching ? t('app.loading') : t('sendTemplate.noProfile')}
        testId="template-profile"
      />
      {!profilesFetching && profilesData && profiles.length === 0 && (
        <Alert color="yellow" data-testid="send-template-no-profile">
          {t('sendTemplate.noProfileHint')}
        </Alert>
      )}

      <Select
        label={t('sendTemplate.number')}
        data={phoneOptions}
        value={phoneField}
        onChange={setPhoneField}
        allowDeselect={false}
        disabled={phoneOptions.length === 0}
        placeholder={loadingRecipient ? t('app.loading') : t('sendTemplate.noNumber')}
        data-testid="template-number"
      />

      <Select
        label={t('sendTemplate.template')}
        description={notApproved > 0 ? t('sendTemplate.onlyApproved', { count: notApproved }) : undefined}
        data={approved.map((tpl) => ({ value: tpl.id, label: `${tpl.name} (${tpl.language})` }))}
        value={templateId}
        onChange={setTemplateId}
        searchable
        placeholder={templatesFetching && !templatesData ? t('app.loading') : t('sendTemplate.pickTemplate')}
        nothingFoundMessage={t('sendTemplate.noTemplates')}
        data-testid="template-select"
      />
      {templatesData && approved.length === 0 && (
        <Alert color="yellow" data-testid="send-template-no-templates">
          {t('sendTemplate.noTemplates')}
          {me.isAdmin && (
            <>
              {' '}
              <Anchor component={Link} to="/settings/whatsapp/templates" size="sm">
                {t('sendTemplate.manageTemplates')}
              </Anchor>
            </>
          )}
        </Alert>
      )}

      {template && (
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('sendTemplate.preview')}
          </Text>
          <Paper withBorder p="sm" bg="teal.0" data-testid="template-preview">
            {previewFetching && !previewData ? (
              <Loader size="xs" />
            ) : previewError ? (
              <Text size="sm" c="red" className="pre-wrap">
                {errorMessage(previewError, t)}
              </Text>
            ) : (
              <Stack gap={6}>
                {template.header && (
                  <Text size="sm" fw={700} className="pre-wrap">
                    {template.header}
                  </Text>
                )}
                <Text size="sm" className="pre-wrap" data-testid="template-preview-body">
                  {previewData?.templatePreview ?? ''}
                </Text>
                {template.footer && (
                  <Text size="xs" c="dimmed" className="pre-wrap">
                    {template.footer}
                  </Text>
                )}
              </Stack>
            )}
          </Paper>
        </div>
      )}

      {template && (cost || costError) && (
        <Text size="sm" data-testid="template-price">
          {t('credits.price')}:{' '}
          {costError ? (
            <Text span c="red" size="sm">
              {errorMessage(costError, t)}
            </Text>
          ) : cost && cost.billable ? (
            <b>
              {t('credits.priceValue', {
                amount: formatCredits(cost.amount, cost.currency, lang),
                category: cost.category,
                country: cost.country || '—',
              })}
            </b>
          ) : (
            cost && <b>{t('credits.free', { reason: t(`credits.reason.${cost.reason ?? ''}`, cost.reason ?? '') })}</b>
          )}
        </Text>
      )}

      {error && (
        <Alert color="red" className="pre-wrap" data-testid="send-template-error">
          {error}
          {noCredits && (
            <>
              {' '}
              {me.isAdmin ? (
                <Anchor component={Link} to="/settings/credits" size="sm">
                  {t('credits.insufficientAdmin')}
                </Anchor>
              ) : (
                t('credits.insufficientUser')
              )}
            </>
          )}
        </Alert>
      )}

      <Group justify="flex-end" className="dialog-footer">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          onClick={() => void send()}
          loading={sending}
          disabled={!profileId || !templateId || !phoneField || hasErrorCode(costError, 'OPTED_OUT')}
          data-testid="template-send"
        >
          {t('sendTemplate.send')}
        </Button>
      </Group>
    </Stack>
  );
}
