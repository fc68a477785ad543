import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { MessageListQuery } from '../graphql/operations';
import type { MessageListQuery as MessageListResult } from '../gql/graphql';
import type { MessageFilter } from './filters';

export type ListedMessage = MessageListResult['messages']['nodes'][number];

/** The server's largest page (`first` above it is cut to it). */
const MAX_PAGE = 500;

interface ListState {
  rows: ListedMessage[];
  total: number;
  hasMore: boolean;
  endCursor: string | null;
  loaded: boolean;
}

const EMPTY: ListState = { rows: [], total: 0, hasMore: false, endCursor: null, loaded: false };

/**
 * A growing, live-refreshable page of `messages(filter, search)`, newest first.
 *
 * The first page is read when the filter or search changes; `loadMore` appends the next one
 * with `first`/`after`. `refresh` (on a live event) re-reads everything shown so far in one
 * request from the top, because cursors are offsets: a new message moves every later one
 * down, and a status change or a reply can move one out of the filter.
 */
export function useMessageList(filter: MessageFilter, search: string, pageSize = 50) {
  const client = useClient();
  const [state, setState] = useState<ListState>(EMPTY);
  const [fetching, setFetching] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const stateRef = useRef(state);
  stateRef.current = state;

  // Answers to an older filter or search are dropped.
  const generation = useRef(0);
  const key = JSON.stringify([filter, search]);
  const vars = useRef({ filter, search });
  vars.current = { filter, search };

  const read = useCallback(
    (first: number, after?: string | null) =>
      client
        .query(
          MessageListQuery,
          { filter: vars.current.filter, search: vars.current.search || undefined, first, after: after ?? undefined },
          { requestPolicy: 'network-only' },
        )
        .toPromise(),
    [client],
  );

  useEffect(() => {
    const gen = ++generation.current;
    setState(EMPTY);
    setError(undefined);
    setFetching(true);
    void read(pageSize).then((res) => {
      if (gen !== generation.current) return;
      setFetching(false);
      setError(res.error);
      const m = res.data?.messages;
      if (m) {
        setState({
          rows: m.nodes,
          total: m.totalCount,
          hasMore: m.pageInfo.hasNextPage,
          endCursor: m.pageInfo.endCursor,
          loaded: true,
        });
      }
    });
  }, [key, pageSize, read]);

  const loadMore = useCallback(async () => {
    const gen = generation.current;
    const { endCursor } = stateRef.current;
    setLoadingMore(true);
    const res = await read(pageSize, endCursor);
    setLoadingMore(false);
    if (gen !== generation.current) return;
    const m = res.data?.messages;
    if (res.error || !m) {
      setError(res.error);
      return;
    }
    setState((prev) => {
      const seen = new Set(prev.rows.map((r) => r.id));
      return {
        rows: [...prev.rows, ...m.nodes.filter((n) => !seen.has(n.id))],
        total: m.totalCount,
        hasMore: m.pageInfo.hasNextPage,
        endCursor: m.pageInfo.endCursor,
        loaded: true,
      };
    });
  }, [pageSize, read]);

  const refresh = useCallback(async () => {
    const gen = generation.current;
    const shown = stateRef.current.rows.length;
    const first = Math.min(Math.max(shown, pageSize), MAX_PAGE);
    const res = await read(first);
    if (gen !== generation.current) return;
    const m = res.data?.messages;
    if (res.error || !m) {
      setError(res.error);
      return;
    }
    setError(undefined);
    setState((prev) => {
      // More than one server page shown: keep the older rows below the re-read ones.
      const fresh = new Set(m.nodes.map((n) => n.id));
      const rest = prev.rows.length > MAX_PAGE ? prev.rows.slice(MAX_PAGE).filter((r) => !fresh.has(r.id)) : [];
      return {
        rows: [...m.nodes, ...rest],
        total: m.totalCount,
        hasMore: rest.length ? prev.hasMore : m.pageInfo.hasNextPage,
        endCursor: rest.length ? prev.endCursor : m.pageInfo.endCursor,
        loaded: true,
      };
    });
  }, [pageSize, read]);

  return { ...state, fetching, loadingMore, error, loadMore, refresh };
}
