-- Confidential reflexive notes of an accompaniment plan (ADR 0021): the text is stored only as ASP.NET Core Data
-- Protection ciphertext; the author is a key of their e-mail (PersonErased.KeyOf) and, when in the directory, a person id.
CREATE TABLE accompaniment.plan_note (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_accompaniment_plan_note PRIMARY KEY,
    plan_id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_plan_note_plan REFERENCES accompaniment.accompaniment_plan (id),
    author_role       NVARCHAR(20) NOT NULL,
    author_key        NVARCHAR(64) NULL,
    author_person_id  UNIQUEIDENTIFIER NULL,
    author_erased_at  DATETIMEOFFSET NULL,
    protected_text    NVARCHAR(MAX) NOT NULL,
    version           INT NOT NULL,
    created_at        DATETIMEOFFSET NOT NULL,
    updated_at        DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_plan_note_plan ON accompaniment.plan_note (plan_id, id);

CREATE INDEX ix_plan_note_author ON accompaniment.plan_note (author_key);
