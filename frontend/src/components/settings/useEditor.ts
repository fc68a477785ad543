import { useState } from 'react';

/**
 * Which item a settings page's dialog has open: none, a new one, or one to edit. `done` closes
 * the dialog and re-reads the list (`after`).
 */
export function useEditor<T>(after?: () => void) {
  const [item, setItem] = useState<T | 'new' | null>(null);
  return {
    opened: item !== null,
    /** The item being edited; undefined for a new one. */
    editing: item !== null && item !== 'new' ? item : undefined,
    create: () => setItem('new'),
    edit: (it: T) => setItem(it),
    close: () => setItem(null),
    done: () => {
      setItem(null);
      after?.();
    },
  };
}
