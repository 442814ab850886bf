-- The audit trail (ADR 0020): who changed which resource, when, and each changed field's value
-- before and after, written in the change's transaction. `changes` is a JSON array; `subjects`
-- (|key|key|) names the people whose personal data an entry holds, so an erasure finds them.
CREATE TABLE experimentation.audit_entry (
    id             UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_experimentation_audit_entry PRIMARY KEY,
    occurred_at    DATETIMEOFFSET NOT NULL,
    academie       NVARCHAR(10) NOT NULL,
    actor          NVARCHAR(200) NOT NULL,
    resource_type  NVARCHAR(100) NOT NULL,
    resource_id    NVARCHAR(100) NOT NULL,
    parent_id      NVARCHAR(100) NULL,
    action         NVARCHAR(50) NOT NULL,
    changes        NVARCHAR(MAX) NOT NULL,
    subjects       NVARCHAR(MAX) NULL
);

CREATE INDEX ix_audit_entry_time ON experimentation.audit_entry (occurred_at, id);
CREATE INDEX ix_audit_entry_academie ON experimentation.audit_entry (academie, occurred_at, id);
CREATE INDEX ix_audit_entry_resource ON experimentation.audit_entry (resource_id, occurred_at, id);
CREATE INDEX ix_audit_entry_parent ON experimentation.audit_entry (parent_id, occurred_at, id) WHERE parent_id IS NOT NULL;
