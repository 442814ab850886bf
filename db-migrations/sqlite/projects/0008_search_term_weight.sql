-- Relevance order (ADR 0013): each term records the weight of the best field it occurs in (2 for
-- the title, 1 for the summary or the canvas). Terms stored before have 0 until the start-up
-- backfill (ProjectSearchIndex.Backfill) rewrites their project's terms; a search finds them as before.
ALTER TABLE project_search_term ADD COLUMN weight INTEGER NOT NULL DEFAULT 0;
