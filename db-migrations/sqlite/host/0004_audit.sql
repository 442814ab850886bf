-- The audit trail (ADR 0020): who changed which resource, when, and each changed field's value
-- before and after, written in the change's transaction. `changes` is a JSON array; `subjects`
-- (|key|key|) names the people whose personal data an entry holds, so an erasure finds them.
CREATE TABLE audit_entry (
    id             TEXT NOT NULL PRIMARY KEY,
    occurred_at    TEXT NOT NULL,
    academie       TEXT NOT NULL,
    actor          TEXT NOT NULL,
    resource_type  TEXT NOT NULL,
    resource_id    TEXT NOT NULL,
    parent_id      TEXT NULL,
    action         TEXT NOT NULL,
    changes        TEXT NOT NULL,
    subjects       TEXT NULL
);

CREATE INDEX ix_audit_entry_time ON audit_entry (occurred_at, id);
CREATE INDEX ix_audit_entry_academie ON audit_entry (academie, occurred_at, id);
CREATE INDEX ix_audit_entry_resource ON audit_entry (resource_id, occurred_at, id);
CREATE INDEX ix_audit_entry_parent ON audit_entry (parent_id, occurred_at, id) WHERE parent_id IS NOT NULL;
