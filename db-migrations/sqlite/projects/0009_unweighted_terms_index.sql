-- The start-up backfill (ProjectSearchIndex.Backfill) looks for terms stored before they had weights.
-- Without an index that is a scan of every term at every start; this filtered index holds only the
-- unweighted ones (with the key, so it covers the look-up): once the backfill has run it is empty and
-- the look-up costs nothing.
CREATE INDEX ix_project_search_term_unweighted ON project_search_term (weight) WHERE weight = 0;
