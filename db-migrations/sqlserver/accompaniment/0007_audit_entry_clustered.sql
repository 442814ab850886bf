-- SQLite's 0007 rebuilds accompaniment.audit_entry clustered on (occurred_at, id), the list's order, without
-- the other indexes (ADR 0020): the list's optional filters (`@X IS NULL OR ...`) cannot seek them
-- on either engine. Here the clustered primary key moves from the id to that pair.
DROP INDEX ix_audit_entry_time ON accompaniment.audit_entry;
DROP INDEX ix_audit_entry_academie ON accompaniment.audit_entry;
DROP INDEX ix_audit_entry_resource ON accompaniment.audit_entry;
DROP INDEX ix_audit_entry_parent ON accompaniment.audit_entry;
ALTER TABLE accompaniment.audit_entry DROP CONSTRAINT pk_accompaniment_audit_entry;
ALTER TABLE accompaniment.audit_entry ADD CONSTRAINT pk_accompaniment_audit_entry PRIMARY KEY CLUSTERED (occurred_at, id);
