-- Reports and capitalisation (ADR 0025): practice narratives and project monographs attached to a project, an
-- experimentation or a network, with their authors (JSON: names, directory ids) and http(s) links, and their search
-- terms (ADR 0013: title weighted 2, text 1; never the authors' names), rewritten with each write.
CREATE TABLE evaluation.report (
    id             UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_report PRIMARY KEY,
    academie       NVARCHAR(10) NOT NULL,
    kind           NVARCHAR(40) NOT NULL,
    title          NVARCHAR(200) NOT NULL,
    text           NVARCHAR(MAX) NOT NULL,
    authors        NVARCHAR(MAX) NOT NULL,
    links          NVARCHAR(MAX) NOT NULL,
    attached_type  NVARCHAR(20) NOT NULL,
    attached_id    UNIQUEIDENTIFIER NOT NULL,
    version        INT NOT NULL,
    created_at     DATETIMEOFFSET NOT NULL,
    updated_at     DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_report_academie ON evaluation.report (academie, id);
CREATE INDEX ix_report_attached ON evaluation.report (attached_type, attached_id);

CREATE TABLE evaluation.report_search_term (
    report_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_evaluation_report_search_term_report REFERENCES evaluation.report (id),
    term       NVARCHAR(64) NOT NULL,
    weight     INT NOT NULL,
    CONSTRAINT pk_evaluation_report_search_term PRIMARY KEY (report_id, term)
);

CREATE INDEX ix_report_search_term_term ON evaluation.report_search_term (term, report_id);
