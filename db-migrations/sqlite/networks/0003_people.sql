-- The people directory: staff only (never pupils). An erased person keeps its row (id, académie,
-- audit) so memberships elsewhere stay valid, with every personal field emptied.
CREATE TABLE person (
    id                TEXT NOT NULL PRIMARY KEY,
    first_name        TEXT NULL,
    last_name         TEXT NULL,
    email             TEXT NULL,
    email_normalized  TEXT NULL,
    academie          TEXT NOT NULL REFERENCES academie (code),
    -- Deferred (checked at commit, as SQL Server checks it at the statement): a reset that empties
    -- the tables in one transaction may then delete schools before people.
    school_uai        TEXT NULL REFERENCES school (uai) DEFERRABLE INITIALLY DEFERRED,
    functions         TEXT NOT NULL,
    search_text       TEXT NOT NULL,
    version           INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    updated_by        TEXT NOT NULL,
    erased_at         TEXT NULL,
    erased_by         TEXT NULL
);

-- One e-mail per académie, whatever its case; an erased person's NULL frees it for reuse.
CREATE UNIQUE INDEX ux_person_email ON person (academie, email_normalized) WHERE email_normalized IS NOT NULL;
CREATE INDEX ix_person_academie ON person (academie, id);
CREATE INDEX ix_person_school ON person (school_uai, id);
