-- Whether each start-up backfill (ProjectViews.Backfill, ProjectSearchIndex.Backfill) still has projects to complete:
-- looking for them costs a scan of every project at every start (no index finds a project without its stored views), so
-- a backfill that has found none records it here, and a start then reads one row. Rows written since the views and the
-- weights exist have both, so a backfill done stays done. This script does the first look, once: a new database's (or
-- an up-to-date one's) backfills are done at once.
CREATE TABLE start_backfill (
    backfill  TEXT NOT NULL PRIMARY KEY,
    done      INTEGER NOT NULL
);
INSERT INTO start_backfill (backfill, done)
SELECT 'project_views', CASE WHEN EXISTS (SELECT 1 FROM project WHERE listing IS NULL OR document IS NULL) THEN 0 ELSE 1 END;
INSERT INTO start_backfill (backfill, done)
SELECT 'search_term_weights', CASE WHEN EXISTS (SELECT 1 FROM project_search_term WHERE weight = 0) THEN 0 ELSE 1 END;
