import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Badge, Button, Center, Collapse, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDeviceFloppy, IconFilter, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { DeleteMessageViewMutation, MessageViewsQuery } from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { useViewer } from '../auth/session';
import ConfirmButton from '../components/ConfirmButton';
import { useMessageEvents } from './live';
import { useMessageList } from './useMessageList';
import { cleanFilter, filterCount, sameFilter, type MessageFilter } from './filters';
import MessageFilterPanel from './MessageFilterPanel';
import MessagesTable from './MessagesTable';
import { ALL_VIEW, SaveViewModal, ViewPicker, type MessageView } from './MessageViews';

const PAGE = 50;

/**
 * The Messages module's "All messages" list (F24–F27): a saved view or ad-hoc filter, a full
 * text search whose hits show their snippet, "load more" paging, and live updates: every
 * `messageEvents` batch re-reads what is shown, so a new message appears on top. The chosen
 * view is kept in the address (`?tab=all&view=<id>`), so a reload or a shared link keeps it.
 */
export default function AllMessages() {
  const { t } = useTranslation();
  const me = useViewer();
  const [params, setParams] = useSearchParams();
  const viewId = params.get('view') || ALL_VIEW;
  const setViewId = (id: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id === ALL_VIEW) next.delete('view');
      else next.set('view', id);
      return next;
    });
  const [filter, setFilter] = useState<MessageFilter>({});
  // Which view's filter is applied: the one in the address is applied once the views load.
  const applied = useRef<string>(ALL_VIEW);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [saveOpen, setSaveOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [actionError, setActionError] = useState<string | null>(null);

  const [{ data: viewsData, error: viewsError }, reloadViews] = useQuery({ query: MessageViewsQuery });
  const [, deleteView] = useMutation(DeleteMessageViewMutation);
  const views = viewsData?.messageViews ?? [];
  const selected = views.find((v) => v.id === viewId) ?? null;
  const modified = !!selected && !sameFilter(filter, cleanFilter(selected.filter));

  useEffect(() => {
    if (!selected || applied.current === selected.id) return;
    applied.current = selected.id;
    setFilter(cleanFilter(selected.filter));
  }, [selected]);

  const list = useMessageList(filter, debounced, PAGE);
  useMessageEvents(() => void list.refresh());

  const pickView = (id: string) => {
    setActionError(null);
    setViewId(id);
    applied.current = id;
    const view = views.find((v) => v.id === id);
    setFilter(view ? cleanFilter(view.filter) : {});
  };

  const saved = (view: MessageView) => {
    setSaveOpen(false);
    reloadViews({ requestPolicy: 'network-only' });
    setViewId(view.id);
    applied.current = view.id;
    setFilter(cleanFilter(view.filter));
  };

  const remove = async () => {
    if (!selected) return;
    setActionError(null);
    const res = await deleteView({ id: selected.id });
    if (res.error) {
      setActionError(errorMessage(res.error, t));
      return;
    }
    setViewId(ALL_VIEW);
    applied.current = ALL_VIEW;
    setFilter({});
    reloadViews({ requestPolicy: 'network-only' });
  };

  const count = filterCount(filter);
  const error = actionError ?? errorMessage(list.error ?? viewsError, t);

  return (
    <Stack gap="sm" data-testid="all-messages">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <ViewPicker views={views} value={selected ? selected.id : ALL_VIEW} modified={modified} onChange={pickView} />
          <Button
            variant={filtersOpen ? 'filled' : 'light'}
            leftSection={<IconFilter size={16} />}
            rightSection={
              count > 0 ? (
                <Badge size="xs" circle variant="white" data-testid="filters-count">
                  {count}
                </Badge>
              ) : undefined
            }
            onClick={() => setFiltersOpen((o) => !o)}
            aria-expanded={filtersOpen}
            data-testid="filters-toggle"
          >
            {t('messageList.filters')}
          </Button>
          <TextInput
            placeholder={t('messageList.search')}
            aria-label={t('messageList.search')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={280}
            data-testid="message-search"
          />
        </Group>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={() => setSaveOpen(true)}
            data-testid="save-view"
          >
            {selected?.mine ? t('messageList.views.saveMine') : t('messageList.views.save')}
          </Button>
          {selected && (selected.mine || me.isAdmin) && (
            <ConfirmButton
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              question={t('messageList.views.deleteConfirm', { name: selected.name })}
              onConfirm={remove}
              testId="delete-view"
            >
              {t('messageList.views.delete')}
            </ConfirmButton>
          )}
        </Group>
      </Group>

      <Collapse expanded={filtersOpen}>
        <Paper withBorder p="sm">
          <MessageFilterPanel filter={filter} onChange={setFilter} />
        </Paper>
      </Collapse>

      {error && (
        <Alert color="red" className="pre-wrap" withCloseButton={!!actionError} onClose={() => setActionError(null)}>
          {error}
        </Alert>
      )}

      <Paper withBorder>
        <Group justify="space-between" px="sm" pt="xs">
          <Text
            size="sm"
            c="dimmed"
            data-testid="messages-total"
            data-count={list.total}
            data-loaded={list.loaded ? 'true' : 'false'}
          >
            {list.loaded ? t('messageList.total', { count: list.total }) : t('app.loading')}
          </Text>
        </Group>
        <MessagesTable rows={list.rows} loading={list.fetching} />
        {list.loaded && list.rows.length === 0 && (
          <Text c="dimmed" size="sm" ta="center" py="md" data-testid="messages-empty">
            {debounced || count > 0 ? t('messageList.noMatches') : t('messageList.empty')}
          </Text>
        )}
        {list.hasMore && (
          <Center py="xs">
            <Button
              variant="subtle"
              size="xs"
              loading={list.loadingMore}
              onClick={() => void list.loadMore()}
              data-testid="messages-more"
            >
              {t('messageList.more', { count: list.total - list.rows.length })}
            </Button>
          </Center>
        )}
      </Paper>

      <SaveViewModal
        opened={saveOpen}
        onClose={() => setSaveOpen(false)}
        current={selected?.mine ? selected : null}
        filter={filter}
        onSaved={saved}
      />
    </Stack>
  );
}
