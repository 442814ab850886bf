-- Accompaniment's read models (projects from the Projects lifecycle events, network member schools from
-- the Networks events) and its own aggregates: needs diagnoses and accompaniment plans. See ADR 0021.
CREATE TABLE accompaniment.project (
    id         UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_accompaniment_project PRIMARY KEY,
    academie   NVARCHAR(10) NOT NULL,
    status     NVARCHAR(30) NOT NULL,
    version    INT NOT NULL,
    queued_at  DATETIMEOFFSET NULL
);

CREATE INDEX ix_project_queue ON accompaniment.project (academie, queued_at, id);

CREATE TABLE accompaniment.project_school (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_project_school_project REFERENCES accompaniment.project (id),
    uai         CHAR(8) NOT NULL,
    CONSTRAINT pk_accompaniment_project_school PRIMARY KEY (project_id, uai)
);

CREATE TABLE accompaniment.project_departement (
    project_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_project_departement_project REFERENCES accompaniment.project (id),
    departement  NVARCHAR(3) NOT NULL,
    CONSTRAINT pk_accompaniment_project_departement PRIMARY KEY (project_id, departement)
);

CREATE TABLE accompaniment.project_theme (
    project_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_project_theme_project REFERENCES accompaniment.project (id),
    theme       NVARCHAR(40) NOT NULL,
    CONSTRAINT pk_accompaniment_project_theme PRIMARY KEY (project_id, theme)
);

CREATE TABLE accompaniment.network (
    id                  UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_accompaniment_network PRIMARY KEY,
    academie            NVARCHAR(10) NOT NULL,
    membership_version  INT NOT NULL
);

CREATE TABLE accompaniment.network_school (
    network_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_network_school_network REFERENCES accompaniment.network (id),
    uai         CHAR(8) NOT NULL,
    valid_from  DATE NULL,
    valid_to    DATE NULL
);

CREATE INDEX ix_network_school_network ON accompaniment.network_school (network_id, uai);

CREATE TABLE accompaniment.diagnosis (
    id                 UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_accompaniment_diagnosis PRIMARY KEY,
    project_id         UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_diagnosis_project REFERENCES accompaniment.project (id),
    academie           NVARCHAR(10) NOT NULL,
    subject_person_id  UNIQUEIDENTIFIER NULL,
    subject_team       NVARCHAR(200) NULL,
    diagnosed_on       DATE NOT NULL,
    led_by_person_id   UNIQUEIDENTIFIER NOT NULL,
    tools              NVARCHAR(200) NOT NULL,
    version            INT NOT NULL,
    created_at         DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_diagnosis_project ON accompaniment.diagnosis (project_id, id);

CREATE TABLE accompaniment.diagnosis_need (
    diagnosis_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_diagnosis_need_diagnosis REFERENCES accompaniment.diagnosis (id),
    code          NVARCHAR(40) NOT NULL,
    level         NVARCHAR(20) NOT NULL,
    priority      NVARCHAR(10) NOT NULL,
    comment       NVARCHAR(2000) NULL,
    CONSTRAINT pk_accompaniment_diagnosis_need PRIMARY KEY (diagnosis_id, code)
);

CREATE TABLE accompaniment.accompaniment_plan (
    id               UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_accompaniment_plan PRIMARY KEY,
    project_id       UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_plan_project REFERENCES accompaniment.project (id),
    academie         NVARCHAR(10) NOT NULL,
    status           NVARCHAR(20) NOT NULL,
    revision         NVARCHAR(MAX) NULL,
    closing_summary  NVARCHAR(4000) NULL,
    decline_reason   NVARCHAR(2000) NULL,
    version          INT NOT NULL,
    proposed_at      DATETIMEOFFSET NOT NULL,
    decided_at       DATETIMEOFFSET NULL,
    closed_at        DATETIMEOFFSET NULL
);

CREATE INDEX ix_accompaniment_plan_project ON accompaniment.accompaniment_plan (project_id, id);

CREATE TABLE accompaniment.plan_type_period (
    plan_id     UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_plan_type_period_plan REFERENCES accompaniment.accompaniment_plan (id),
    type        NVARCHAR(20) NOT NULL,
    start_date  DATE NOT NULL,
    end_date    DATE NULL,
    CONSTRAINT pk_accompaniment_plan_type_period PRIMARY KEY (plan_id, type, start_date)
);

CREATE TABLE accompaniment.plan_goal (
    plan_id      UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_plan_goal_plan REFERENCES accompaniment.accompaniment_plan (id),
    need_code    NVARCHAR(40) NOT NULL,
    description  NVARCHAR(2000) NOT NULL,
    CONSTRAINT pk_accompaniment_plan_goal PRIMARY KEY (plan_id, need_code)
);

CREATE TABLE accompaniment.plan_accompanist (
    plan_id        UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_plan_accompanist_plan REFERENCES accompaniment.accompaniment_plan (id),
    person_id      UNIQUEIDENTIFIER NOT NULL,
    school_year    CHAR(9) NOT NULL,
    role           NVARCHAR(30) NOT NULL,
    planned_hours  INT NOT NULL,
    CONSTRAINT pk_accompaniment_plan_accompanist PRIMARY KEY (plan_id, person_id, school_year)
);
