-- Confidential reflexive notes of an accompaniment plan (ADR 0021): the text is stored only as ASP.NET Core Data
-- Protection ciphertext; the author is a key of their e-mail (PersonErased.KeyOf) and, when in the directory, a person id.
CREATE TABLE plan_note (
    id                TEXT NOT NULL PRIMARY KEY,
    plan_id           TEXT NOT NULL REFERENCES accompaniment_plan (id),
    author_role       TEXT NOT NULL,
    author_key        TEXT NULL,
    author_person_id  TEXT NULL,
    author_erased_at  TEXT NULL,
    protected_text    TEXT NOT NULL,
    version           INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE INDEX ix_plan_note_plan ON plan_note (plan_id, id);

CREATE INDEX ix_plan_note_author ON plan_note (author_key);
