-- Experimentations (ADR 0022): the dossier as the team wrote it (JSON), the workflow's dates and decisions as columns,
-- the perimeter's départements (the département limit and the stats filter on them), the history of the workflow,
-- the reviews (created at approval from the protocol) and the copy of the projects (from the Projects events).
CREATE TABLE experimentation.experimentation (
    id                         UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_experimentation_experimentation PRIMARY KEY,
    project_id                 UNIQUEIDENTIFIER NOT NULL,
    academie                   NVARCHAR(10) NOT NULL,
    status                     NVARCHAR(30) NOT NULL,
    dossier                    NVARCHAR(MAX) NOT NULL,
    school_year                NVARCHAR(9) NULL,
    version                    INT NOT NULL,
    created_at                 DATETIMEOFFSET NOT NULL,
    created_by                 NVARCHAR(200) NOT NULL,
    updated_at                 DATETIMEOFFSET NOT NULL,
    submitted_at               DATETIMEOFFSET NULL,
    decision                   NVARCHAR(30) NULL,
    decided_at                 DATETIMEOFFSET NULL,
    decided_by                 NVARCHAR(200) NULL,
    decision_reason            NVARCHAR(2000) NULL,
    approved_at                DATETIMEOFFSET NULL,
    adopting_body              NVARCHAR(30) NULL,
    adoption_vote_on           DATE NULL,
    adopted_at                 DATETIMEOFFSET NULL,
    school_project_on          DATE NULL,
    started_on                 DATE NULL,
    closed_at                  DATETIMEOFFSET NULL,
    objectives_informed_on     DATE NULL,
    objectives_informed_means  NVARCHAR(30) NULL,
    results_informed_on        DATE NULL,
    results_informed_means     NVARCHAR(30) NULL,
    renewal_years              INT NULL,
    renewed_at                 DATETIMEOFFSET NULL,
    renewal_reason             NVARCHAR(2000) NULL
);

CREATE INDEX ix_experimentation_academie ON experimentation.experimentation (academie, id);
CREATE INDEX ix_experimentation_project ON experimentation.experimentation (project_id);

CREATE TABLE experimentation.experimentation_departement (
    experimentation_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_experimentation_departement_experimentation
                            REFERENCES experimentation.experimentation (id),
    departement         NVARCHAR(3) NOT NULL,
    CONSTRAINT pk_experimentation_experimentation_departement PRIMARY KEY (experimentation_id, departement)
);

CREATE INDEX ix_experimentation_departement ON experimentation.experimentation_departement (departement, experimentation_id);

CREATE TABLE experimentation.experimentation_transition (
    experimentation_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_experimentation_transition_experimentation
                            REFERENCES experimentation.experimentation (id),
    sequence            INT NOT NULL,
    action              NVARCHAR(30) NOT NULL,
    from_status         NVARCHAR(30) NULL,
    to_status           NVARCHAR(30) NOT NULL,
    occurred_at         DATETIMEOFFSET NOT NULL,
    actor               NVARCHAR(200) NOT NULL,
    reason              NVARCHAR(2000) NULL,
    details             NVARCHAR(MAX) NULL,
    CONSTRAINT pk_experimentation_experimentation_transition PRIMARY KEY (experimentation_id, sequence)
);

CREATE TABLE experimentation.review (
    id                    UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_experimentation_review PRIMARY KEY,
    experimentation_id    UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_experimentation_review_experimentation
                              REFERENCES experimentation.experimentation (id),
    kind                  NVARCHAR(20) NOT NULL,
    due_on                DATE NOT NULL,
    submitted_at          DATETIMEOFFSET NULL,
    submitted_by          NVARCHAR(200) NULL,
    text                  NVARCHAR(MAX) NULL,
    attachments           NVARCHAR(MAX) NULL,
    indicator_values      NVARCHAR(MAX) NULL,
    overdue_announced_at  DATETIMEOFFSET NULL
);

CREATE INDEX ix_review_experimentation ON experimentation.review (experimentation_id, due_on);
CREATE INDEX ix_review_pending ON experimentation.review (due_on) WHERE submitted_at IS NULL;

CREATE TABLE experimentation.project (
    id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_experimentation_project PRIMARY KEY,
    academie      NVARCHAR(10) NOT NULL,
    status        NVARCHAR(30) NOT NULL,
    version       INT NOT NULL,
    schools       NVARCHAR(MAX) NOT NULL,
    departements  NVARCHAR(MAX) NOT NULL
);
