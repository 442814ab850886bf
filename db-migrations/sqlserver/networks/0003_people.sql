-- The people directory: staff only (never pupils). An erased person keeps its row (id, académie,
-- audit) so memberships elsewhere stay valid, with every personal field emptied.
CREATE TABLE networks.person (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_person PRIMARY KEY,
    first_name        NVARCHAR(100) NULL,
    last_name         NVARCHAR(100) NULL,
    email             NVARCHAR(254) NULL,
    email_normalized  NVARCHAR(254) NULL,
    academie          NVARCHAR(10) NOT NULL CONSTRAINT fk_person_academie REFERENCES networks.academie (code),
    school_uai        CHAR(8) NULL CONSTRAINT fk_person_school REFERENCES networks.school (uai),
    functions         NVARCHAR(200) NOT NULL,
    search_text       NVARCHAR(210) NOT NULL,
    version           INT NOT NULL,
    created_at        DATETIMEOFFSET NOT NULL,
    created_by        NVARCHAR(200) NOT NULL,
    updated_at        DATETIMEOFFSET NOT NULL,
    updated_by        NVARCHAR(200) NOT NULL,
    erased_at         DATETIMEOFFSET NULL,
    erased_by         NVARCHAR(200) NULL
);

-- One e-mail per académie, whatever its case; an erased person's NULL frees it for reuse (the
-- filter matters here: a plain SQL Server unique index would allow only one NULL).
CREATE UNIQUE INDEX ux_person_email ON networks.person (academie, email_normalized) WHERE email_normalized IS NOT NULL;
CREATE INDEX ix_person_academie ON networks.person (academie, id);
CREATE INDEX ix_person_school ON networks.person (school_uai, id);
