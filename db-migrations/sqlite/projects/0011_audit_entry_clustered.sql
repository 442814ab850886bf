-- The audit trail stored in the order it is listed (ADR 0020): clustered on (occurred_at, id), the
-- list's order, with no other index. Entries are appended at the end of that key, one B-tree each,
-- where the rowid table kept five (rows, the id key, time, académie, resource): a bulk import paid
-- them per row. The list's filters are optional parameters (`@X IS NULL OR ...`), so its plan walks
-- the time order whatever they are and never used the other indexes.
CREATE TABLE audit_entry_clustered (
    id             TEXT NOT NULL,
    occurred_at    TEXT NOT NULL,
    academie       TEXT NOT NULL,
    actor          TEXT NOT NULL,
    resource_type  TEXT NOT NULL,
    resource_id    TEXT NOT NULL,
    parent_id      TEXT NULL,
    action         TEXT NOT NULL,
    changes        TEXT NOT NULL,
    subjects       TEXT NULL,
    PRIMARY KEY (occurred_at, id)
) WITHOUT ROWID;

INSERT INTO audit_entry_clustered (id, occurred_at, academie, actor, resource_type, resource_id, parent_id, action, changes, subjects)
SELECT id, occurred_at, academie, actor, resource_type, resource_id, parent_id, action, changes, subjects FROM audit_entry;

DROP TABLE audit_entry;

ALTER TABLE audit_entry_clustered RENAME TO audit_entry;
