-- Accompaniment's read models (projects from the Projects lifecycle events, network member schools from
-- the Networks events) and its own aggregates: needs diagnoses and accompaniment plans. See ADR 0021.
CREATE TABLE project (
    id         TEXT NOT NULL PRIMARY KEY,
    academie   TEXT NOT NULL,
    status     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    queued_at  TEXT NULL
);

CREATE INDEX ix_project_queue ON project (academie, queued_at, id);

CREATE TABLE project_school (
    project_id  TEXT NOT NULL REFERENCES project (id),
    uai         TEXT NOT NULL,
    PRIMARY KEY (project_id, uai)
);

CREATE TABLE project_departement (
    project_id   TEXT NOT NULL REFERENCES project (id),
    departement  TEXT NOT NULL,
    PRIMARY KEY (project_id, departement)
);

CREATE TABLE project_theme (
    project_id  TEXT NOT NULL REFERENCES project (id),
    theme       TEXT NOT NULL,
    PRIMARY KEY (project_id, theme)
);

CREATE TABLE network (
    id                  TEXT NOT NULL PRIMARY KEY,
    academie            TEXT NOT NULL,
    membership_version  INTEGER NOT NULL
);

CREATE TABLE network_school (
    network_id  TEXT NOT NULL REFERENCES network (id),
    uai         TEXT NOT NULL,
    valid_from  TEXT NULL,
    valid_to    TEXT NULL
);

CREATE INDEX ix_network_school_network ON network_school (network_id, uai);

CREATE TABLE diagnosis (
    id                 TEXT NOT NULL PRIMARY KEY,
    project_id         TEXT NOT NULL REFERENCES project (id),
    academie           TEXT NOT NULL,
    subject_person_id  TEXT NULL,
    subject_team       TEXT NULL,
    diagnosed_on       TEXT NOT NULL,
    led_by_person_id   TEXT NOT NULL,
    tools              TEXT NOT NULL,
    version            INTEGER NOT NULL,
    created_at         TEXT NOT NULL
);

CREATE INDEX ix_diagnosis_project ON diagnosis (project_id, id);

CREATE TABLE diagnosis_need (
    diagnosis_id  TEXT NOT NULL REFERENCES diagnosis (id),
    code          TEXT NOT NULL,
    level         TEXT NOT NULL,
    priority      TEXT NOT NULL,
    comment       TEXT NULL,
    PRIMARY KEY (diagnosis_id, code)
);

CREATE TABLE accompaniment_plan (
    id               TEXT NOT NULL PRIMARY KEY,
    project_id       TEXT NOT NULL REFERENCES project (id),
    academie         TEXT NOT NULL,
    status           TEXT NOT NULL,
    revision         TEXT NULL,
    closing_summary  TEXT NULL,
    decline_reason   TEXT NULL,
    version          INTEGER NOT NULL,
    proposed_at      TEXT NOT NULL,
    decided_at       TEXT NULL,
    closed_at        TEXT NULL
);

CREATE INDEX ix_accompaniment_plan_project ON accompaniment_plan (project_id, id);

CREATE TABLE plan_type_period (
    plan_id     TEXT NOT NULL REFERENCES accompaniment_plan (id),
    type        TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NULL,
    PRIMARY KEY (plan_id, type, start_date)
);

CREATE TABLE plan_goal (
    plan_id      TEXT NOT NULL REFERENCES accompaniment_plan (id),
    need_code    TEXT NOT NULL,
    description  TEXT NOT NULL,
    PRIMARY KEY (plan_id, need_code)
);

CREATE TABLE plan_accompanist (
    plan_id        TEXT NOT NULL REFERENCES accompaniment_plan (id),
    person_id      TEXT NOT NULL,
    school_year    TEXT NOT NULL,
    role           TEXT NOT NULL,
    planned_hours  INTEGER NOT NULL,
    PRIMARY KEY (plan_id, person_id, school_year)
);
