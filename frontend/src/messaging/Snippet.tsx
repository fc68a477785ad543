import { Mark, Text, type TextProps } from '@mantine/core';
import type { SnippetFieldsFragment } from '../gql/graphql';

export type SnippetData = SnippetFieldsFragment;

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * Cuts a search snippet into plain and highlighted parts. The offsets are UTF-16 code units,
 * i.e. JavaScript string indices, end exclusive; out-of-range or overlapping ranges from the
 * server are clamped or skipped rather than trusted.
 */
export function snippetParts(fragment: string, highlights: readonly { start: number; end: number }[]): SnippetPart[] {
  const ranges = highlights
    .map((h) => ({ start: Math.max(0, Math.min(h.start, fragment.length)), end: Math.max(0, Math.min(h.end, fragment.length)) }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start);
  const parts: SnippetPart[] = [];
  let pos = 0;
  for (const { start, end } of ranges) {
    if (start < pos) continue;
    if (start > pos) parts.push({ text: fragment.slice(pos, start), hit: false });
    parts.push({ text: fragment.slice(start, end), hit: true });
    pos = end;
  }
  if (pos < fragment.length) parts.push({ text: fragment.slice(pos), hit: false });
  return parts;
}

/**
 * A search hit's text with the matched terms in `<mark>`. Customer text stays React text
 * nodes (never HTML), the highlights come only from the offsets.
 */
export default function Snippet({
  snippet,
  testId = 'snippet',
  ...textProps
}: { snippet: SnippetData; testId?: string } & TextProps) {
  const parts = snippetParts(snippet.fragment, snippet.highlights);
  return (
    <Text size="sm" className="pre-wrap" data-testid={testId} {...textProps}>
      {parts.map((p, i) =>
        p.hit ? (
          <Mark key={i} color="yellow" data-testid="snippet-mark">
            {p.text}
          </Mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </Text>
  );
}
