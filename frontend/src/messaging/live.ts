import { useCallback, useEffect, useRef, useState } from 'react';
import { useSubscription } from 'urql';
import { MessageEventsSubscription } from '../graphql/operations';
import type { MessageEventsSubscription as MessageEventsResult } from '../gql/graphql';
import { WS_CONNECTED_EVENT } from '../graphql/client';

export type MessageEvent = MessageEventsResult['messageEvents'];

/**
 * Live updates for messaging views: calls `onEvents` with the `messageEvents` items (new
 * messages and status changes the viewer may see), and with `null` whenever the websocket
 * (re)connects, because events sent while it was down are not replayed. Bursts (a status
 * change right after a new message) are coalesced into one call per short tick.
 */
export function useMessageEvents(onEvents: (events: MessageEvent[] | null) => void) {
  const handler = useRef(onEvents);
  useEffect(() => {
    handler.current = onEvents;
  });

  const pending = useRef<{ timer: number; events: MessageEvent[]; reconnect: boolean } | null>(null);
  const fire = useCallback((event: MessageEvent | null) => {
    const p = pending.current;
    if (p) {
      if (event) p.events.push(event);
      else p.reconnect = true;
      return;
    }
    const timer = window.setTimeout(() => {
      const done = pending.current;
      pending.current = null;
      if (done) handler.current(done.reconnect ? null : done.events);
    }, 60);
    pending.current = { timer, events: event ? [event] : [], reconnect: event === null };
  }, []);

  useEffect(
    () => () => {
      if (pending.current) window.clearTimeout(pending.current.timer);
      pending.current = null;
    },
    [],
  );

  useSubscription({ query: MessageEventsSubscription }, (_prev, data) => {
    fire(data.messageEvents);
    return data;
  });

  useEffect(() => {
    const onConnected = () => fire(null);
    window.addEventListener(WS_CONNECTED_EVENT, onConnected);
    return () => window.removeEventListener(WS_CONNECTED_EVENT, onConnected);
  }, [fire]);
}

/** Whether a batch from useMessageEvents concerns this conversation (null: maybe, re-read). */
export function concerns(events: MessageEvent[] | null, conversationId: string): boolean {
  return events === null || events.some((e) => e.message.conversation?.id === conversationId);
}

/** The current time, re-read every `intervalMs` (for countdowns). */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}
