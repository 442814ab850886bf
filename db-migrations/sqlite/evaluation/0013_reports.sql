-- Reports and capitalisation (ADR 0025): practice narratives and project monographs attached to a project, an
-- experimentation or a network, with their authors (JSON: names, directory ids) and http(s) links, and their search
-- terms (ADR 0013: title weighted 2, text 1; never the authors' names), rewritten with each write.
CREATE TABLE report (
    id             TEXT NOT NULL PRIMARY KEY,
    academie       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL,
    text           TEXT NOT NULL,
    authors        TEXT NOT NULL,
    links          TEXT NOT NULL,
    attached_type  TEXT NOT NULL,
    attached_id    TEXT NOT NULL,
    version        INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE INDEX ix_report_academie ON report (academie, id);
CREATE INDEX ix_report_attached ON report (attached_type, attached_id);

CREATE TABLE report_search_term (
    report_id  TEXT NOT NULL REFERENCES report (id),
    term       TEXT NOT NULL,
    weight     INTEGER NOT NULL,
    PRIMARY KEY (report_id, term)
) WITHOUT ROWID;

CREATE INDEX ix_report_search_term_term ON report_search_term (term, report_id);
