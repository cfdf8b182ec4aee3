import { ref } from 'vue';
import type { AccountFilter } from '../../api/generated/graphql.ts';
import {
  emptySegment,
  toAccountFilter,
  type SegmentDraft,
  type SegmentField,
  type SegmentFilter,
  type SegmentProblem,
} from '../campaigns/segment.ts';
import type { AccountStatus } from './accounts-api.ts';

export interface SearchDraft {
  text: string;
  statuses: AccountStatus[];
  segment: SegmentDraft;
}

export function emptySearch(): SearchDraft {
  return { text: '', statuses: [], segment: emptySegment() };
}

// Kept across screens, so coming back from a case finds the same search and page.
export const searchDraft = ref<SearchDraft>(emptySearch());
export const searchPage = ref<{ cursors: (string | null)[] }>({ cursors: [null] });

/** The portfolio search's `AccountFilter`: the segment's fields plus free text and statuses. */
export type SearchFilter = SegmentFilter & { [K in 'search' | 'statuses']?: NonNullable<AccountFilter[K]> };
export type SearchResult =
  { ok: true; filter: SearchFilter } | { ok: false; errors: Partial<Record<SegmentField, SegmentProblem>> };

export function searchFilter(draft: SearchDraft, currency: string): SearchResult {
  const mapped = toAccountFilter(draft.segment, currency);
  if (!mapped.ok) return mapped;
  const text = draft.text.trim();
  return {
    ok: true,
    filter: {
      ...mapped.filter,
      ...(text ? { search: text } : {}),
      ...(draft.statuses.length ? { statuses: draft.statuses } : {}),
    },
  };
}
