-- Networks and professional collectives: members (schools, people by id), multi-year objectives,
-- training needs, relay progression, network events with attendance, partnership conventions.
-- Dates are ISO 8601 text (yyyy-MM-dd) on both engines, so they compare and sort as text.
-- People are referenced by id only: no name is stored here (see ADR 0009).
-- References to schools and networks are checked at commit (DEFERRABLE) on SQLite, so a
-- transaction that empties the tables in creation order, as the test reset does, stays valid.
CREATE TABLE network (
    id            TEXT NOT NULL PRIMARY KEY,
    academie      TEXT NOT NULL REFERENCES academie (code),
    departement   TEXT NULL REFERENCES departement (code),
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NULL,
    active_years  TEXT NOT NULL,
    search_text   TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE INDEX ix_network_academie ON network (academie, id);
CREATE INDEX ix_network_departement ON network (departement, id);

CREATE TABLE network_school (
    id          TEXT NOT NULL PRIMARY KEY,
    network_id  TEXT NOT NULL REFERENCES network (id) DEFERRABLE INITIALLY DEFERRED,
    uai         TEXT NOT NULL REFERENCES school (uai) DEFERRABLE INITIALLY DEFERRED,
    kind        TEXT NOT NULL,
    from_date   TEXT NULL,
    to_date     TEXT NULL
);

CREATE INDEX ix_network_school_network ON network_school (network_id, uai);
CREATE INDEX ix_network_school_uai ON network_school (uai, kind);

CREATE TABLE network_person (
    id          TEXT NOT NULL PRIMARY KEY,
    network_id  TEXT NOT NULL REFERENCES network (id) DEFERRABLE INITIALLY DEFERRED,
    person_id   TEXT NOT NULL,
    role        TEXT NOT NULL,
    domain      TEXT NULL,
    from_date   TEXT NULL,
    to_date     TEXT NULL
);

CREATE INDEX ix_network_person_network ON network_person (network_id, person_id);
CREATE INDEX ix_network_person_person ON network_person (person_id);

CREATE TABLE network_objective (
    id           TEXT NOT NULL PRIMARY KEY,
    network_id   TEXT NOT NULL REFERENCES network (id) DEFERRABLE INITIALLY DEFERRED,
    school_year  TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NULL,
    status       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE INDEX ix_network_objective_network ON network_objective (network_id, school_year);

CREATE TABLE training_need (
    id              TEXT NOT NULL PRIMARY KEY,
    network_id      TEXT NOT NULL REFERENCES network (id) DEFERRABLE INITIALLY DEFERRED,
    uai             TEXT NOT NULL REFERENCES school (uai) DEFERRABLE INITIALLY DEFERRED,
    theme           TEXT NOT NULL,
    theme_key       TEXT NOT NULL,
    audience        TEXT NOT NULL,
    priority        TEXT NOT NULL,
    staff_concerned INTEGER NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_training_need ON training_need (network_id, uai, theme_key, audience);

CREATE TABLE relay (
    id            TEXT NOT NULL PRIMARY KEY,
    network_id    TEXT NOT NULL REFERENCES network (id) DEFERRABLE INITIALLY DEFERRED,
    person_id     TEXT NOT NULL,
    academie      TEXT NOT NULL,
    departement   TEXT NULL,
    stage         INTEGER NOT NULL,
    status        TEXT NOT NULL,
    cpc_id        TEXT NULL,
    last_date     TEXT NOT NULL,
    steps         TEXT NOT NULL,
    version       INTEGER NOT NULL
);

CREATE UNIQUE INDEX ux_relay ON relay (network_id, person_id);
CREATE INDEX ix_relay_departement ON relay (academie, departement, id);

CREATE TABLE network_event (
    id                 TEXT NOT NULL PRIMARY KEY,
    network_id         TEXT NOT NULL REFERENCES network (id) DEFERRABLE INITIALLY DEFERRED,
    kind               TEXT NOT NULL,
    title              TEXT NOT NULL,
    event_date         TEXT NOT NULL,
    place              TEXT NULL,
    observer_id        TEXT NULL,
    observed_person_id TEXT NULL,
    observed_class     TEXT NULL,
    uai                TEXT NULL REFERENCES school (uai) DEFERRABLE INITIALLY DEFERRED,
    focus              TEXT NULL,
    inspe_student_id   TEXT NULL,
    attendance         TEXT NOT NULL,
    version            INTEGER NOT NULL
);

CREATE INDEX ix_network_event_network ON network_event (network_id, event_date, id);

CREATE TABLE network_convention (
    id            TEXT NOT NULL PRIMARY KEY,
    network_id    TEXT NOT NULL REFERENCES network (id) DEFERRABLE INITIALLY DEFERRED,
    partner_kind  TEXT NOT NULL,
    partner       TEXT NOT NULL,
    object        TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    end_date      TEXT NULL,
    documents     TEXT NOT NULL,
    version       INTEGER NOT NULL
);

CREATE INDEX ix_network_convention_network ON network_convention (network_id, id);
