-- The resource bank (ADR 0021): training and collaboration resources of an académie, their themes and the
-- guide's sections they serve (both faceted), and their search terms (ADR 0013), rewritten with each write.
-- A resource is known by its link within its académie, so a re-import updates it instead of copying it.
CREATE TABLE accompaniment.resource (
    id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_accompaniment_resource PRIMARY KEY,
    academie      NVARCHAR(10) NOT NULL,
    title         NVARCHAR(200) NOT NULL,
    description   NVARCHAR(4000) NOT NULL,
    kind          NVARCHAR(20) NOT NULL,
    format        NVARCHAR(40) NOT NULL,
    audience      NVARCHAR(2000) NOT NULL,
    link          NVARCHAR(800) NOT NULL,
    language      NVARCHAR(3) NOT NULL,
    licence       NVARCHAR(100) NULL,
    is_published  BIT NOT NULL,
    version       INT NOT NULL,
    created_at    DATETIMEOFFSET NOT NULL,
    updated_at    DATETIMEOFFSET NOT NULL,
    published_at  DATETIMEOFFSET NULL
);

CREATE UNIQUE INDEX ux_resource_link ON accompaniment.resource (academie, link);

CREATE TABLE accompaniment.resource_theme (
    resource_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_resource_theme_resource REFERENCES accompaniment.resource (id),
    theme        NVARCHAR(40) NOT NULL,
    CONSTRAINT pk_accompaniment_resource_theme PRIMARY KEY (resource_id, theme)
);

CREATE TABLE accompaniment.resource_section (
    resource_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_resource_section_resource REFERENCES accompaniment.resource (id),
    section      NVARCHAR(10) NOT NULL,
    CONSTRAINT pk_accompaniment_resource_section PRIMARY KEY (resource_id, section)
);

CREATE TABLE accompaniment.resource_search_term (
    resource_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_resource_search_term_resource REFERENCES accompaniment.resource (id),
    term         NVARCHAR(64) NOT NULL,
    weight       INT NOT NULL,
    CONSTRAINT pk_accompaniment_resource_search_term PRIMARY KEY (resource_id, term)
);

CREATE INDEX ix_resource_search_term_term ON accompaniment.resource_search_term (term, resource_id);
