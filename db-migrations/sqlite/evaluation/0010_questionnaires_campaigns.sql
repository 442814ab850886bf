-- Questionnaires and campaigns (ADR 0025). A questionnaire's questions are one JSON array, written and read whole;
-- once a campaign has an answer it is frozen (is_answered) and a change is a new edition of its lineage.
-- A campaign's responses hold their answers as one JSON object; an anonymous response holds nothing of who answered
-- (no caller, no time finer than the day), a named one its respondent, cleared on erasure.
CREATE TABLE questionnaire (
    id           TEXT NOT NULL PRIMARY KEY,
    academie     TEXT NOT NULL,
    lineage_id   TEXT NOT NULL,
    edition      INTEGER NOT NULL,
    title        TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    description  TEXT NULL,
    questions    TEXT NOT NULL,
    is_builtin   INTEGER NOT NULL,
    is_answered  INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_questionnaire_edition ON questionnaire (lineage_id, edition);
CREATE INDEX ix_questionnaire_academie ON questionnaire (academie, id);

CREATE TABLE campaign (
    id                   TEXT NOT NULL PRIMARY KEY,
    academie             TEXT NOT NULL,
    questionnaire_id     TEXT NOT NULL REFERENCES questionnaire (id),
    title                TEXT NOT NULL,
    target_type          TEXT NOT NULL,
    target_id            TEXT NOT NULL,
    opens_on             TEXT NOT NULL,
    closes_on            TEXT NOT NULL,
    is_anonymous         INTEGER NOT NULL,
    status               TEXT NOT NULL,
    project_id           TEXT NULL,
    accompaniment_types  TEXT NULL,
    departements         TEXT NULL,
    response_count       INTEGER NOT NULL,
    version              INTEGER NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE INDEX ix_campaign_academie ON campaign (academie, id);
CREATE INDEX ix_campaign_target ON campaign (target_type, target_id);

CREATE TABLE campaign_response (
    id                    TEXT NOT NULL PRIMARY KEY,
    campaign_id           TEXT NOT NULL REFERENCES campaign (id),
    received_on           TEXT NOT NULL,
    answers               TEXT NOT NULL,
    respondent_name       TEXT NULL,
    respondent_person_id  TEXT NULL,
    respondent_key        TEXT NULL,
    respondent_erased     INTEGER NOT NULL
);

CREATE INDEX ix_campaign_response_campaign ON campaign_response (campaign_id, id);
