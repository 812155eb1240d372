import type { SprucePagedEntityRow } from '../models/paged-entities.js';
import type { SprucePageRow } from '../models/pages.js';
import { eachRow, type AnalysisOptions, type RowSource } from './rows-source.js';

/** A page nobody has resolved yet, with who it was assigned to. */
export interface UnresolvedPage {
  page_id: string;
  conversation_id: string;
  message_id: string;
  /** From `paged_entities.csv`; empty when it was not given or lists nobody. */
  assigned_entity_ids: string[];
}

/**
 * The pages with `resolved` false, in file order, each with the entities it was assigned to
 * when `pagedEntities` is given. Holds only the unresolved pages in memory.
 *
 * @example
 * ```ts
 * const open = await unresolvedPages(exp.rows('pages'), exp.rows('paged_entities'));
 * ```
 */
export async function unresolvedPages(
  pages: RowSource<Pick<SprucePageRow, 'page_id' | 'conversation_id' | 'message_id' | 'resolved'>>,
  pagedEntities?: RowSource<Pick<SprucePagedEntityRow, 'page_id' | 'entity_id'>>,
  options: AnalysisOptions = {},
): Promise<UnresolvedPage[]> {
  const open = new Map<string, UnresolvedPage>();
  for await (const page of eachRow(pages, options.signal)) {
    if (page.resolved) continue;
    open.set(page.page_id, { page_id: page.page_id, conversation_id: page.conversation_id, message_id: page.message_id, assigned_entity_ids: [] });
  }
  if (pagedEntities && open.size > 0) {
    for await (const assignment of eachRow(pagedEntities, options.signal)) open.get(assignment.page_id)?.assigned_entity_ids.push(assignment.entity_id);
  }
  return [...open.values()];
}
