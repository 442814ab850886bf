-- The resource bank (ADR 0021): training and collaboration resources of an académie, their themes and the
-- guide's sections they serve (both faceted), and their search terms (ADR 0013), rewritten with each write.
-- A resource is known by its link within its académie, so a re-import updates it instead of copying it.
CREATE TABLE resource (
    id            TEXT NOT NULL PRIMARY KEY,
    academie      TEXT NOT NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    kind          TEXT NOT NULL,
    format        TEXT NOT NULL,
    audience      TEXT NOT NULL,
    link          TEXT NOT NULL,
    language      TEXT NOT NULL,
    licence       TEXT NULL,
    is_published  INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    published_at  TEXT NULL
);

CREATE UNIQUE INDEX ux_resource_link ON resource (academie, link);

CREATE TABLE resource_theme (
    resource_id  TEXT NOT NULL REFERENCES resource (id),
    theme        TEXT NOT NULL,
    PRIMARY KEY (resource_id, theme)
);

CREATE TABLE resource_section (
    resource_id  TEXT NOT NULL REFERENCES resource (id),
    section      TEXT NOT NULL,
    PRIMARY KEY (resource_id, section)
);

CREATE TABLE resource_search_term (
    resource_id  TEXT NOT NULL REFERENCES resource (id),
    term         TEXT NOT NULL,
    weight       INTEGER NOT NULL,
    PRIMARY KEY (resource_id, term)
) WITHOUT ROWID;

CREATE INDEX ix_resource_search_term_term ON resource_search_term (term, resource_id);
