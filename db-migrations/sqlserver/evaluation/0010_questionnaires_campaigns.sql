-- Questionnaires and campaigns (ADR 0025). A questionnaire's questions are one JSON array, written and read whole;
-- once a campaign has an answer it is frozen (is_answered) and a change is a new edition of its lineage.
-- A campaign's responses hold their answers as one JSON object; an anonymous response holds nothing of who answered
-- (no caller, no time finer than the day), a named one its respondent, cleared on erasure.
CREATE TABLE evaluation.questionnaire (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_questionnaire PRIMARY KEY,
    academie     NVARCHAR(10) NOT NULL,
    lineage_id   UNIQUEIDENTIFIER NOT NULL,
    edition      INT NOT NULL,
    title        NVARCHAR(200) NOT NULL,
    purpose      NVARCHAR(40) NOT NULL,
    description  NVARCHAR(4000) NULL,
    questions    NVARCHAR(MAX) NOT NULL,
    is_builtin   BIT NOT NULL,
    is_answered  BIT NOT NULL,
    version      INT NOT NULL,
    created_at   DATETIMEOFFSET NOT NULL,
    updated_at   DATETIMEOFFSET NOT NULL
);

CREATE UNIQUE INDEX ux_questionnaire_edition ON evaluation.questionnaire (lineage_id, edition);
CREATE INDEX ix_questionnaire_academie ON evaluation.questionnaire (academie, id);

CREATE TABLE evaluation.campaign (
    id                   UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_campaign PRIMARY KEY,
    academie             NVARCHAR(10) NOT NULL,
    questionnaire_id     UNIQUEIDENTIFIER NOT NULL
        CONSTRAINT fk_evaluation_campaign_questionnaire REFERENCES evaluation.questionnaire (id),
    title                NVARCHAR(200) NOT NULL,
    target_type          NVARCHAR(20) NOT NULL,
    target_id            UNIQUEIDENTIFIER NOT NULL,
    opens_on             DATE NOT NULL,
    closes_on            DATE NOT NULL,
    is_anonymous         BIT NOT NULL,
    status               NVARCHAR(20) NOT NULL,
    project_id           UNIQUEIDENTIFIER NULL,
    accompaniment_types  NVARCHAR(200) NULL,
    departements         NVARCHAR(400) NULL,
    response_count       INT NOT NULL,
    version              INT NOT NULL,
    created_at           DATETIMEOFFSET NOT NULL,
    updated_at           DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_campaign_academie ON evaluation.campaign (academie, id);
CREATE INDEX ix_campaign_target ON evaluation.campaign (target_type, target_id);

CREATE TABLE evaluation.campaign_response (
    id                    UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_campaign_response PRIMARY KEY,
    campaign_id           UNIQUEIDENTIFIER NOT NULL
        CONSTRAINT fk_evaluation_campaign_response_campaign REFERENCES evaluation.campaign (id),
    received_on           DATE NOT NULL,
    answers               NVARCHAR(MAX) NOT NULL,
    respondent_name       NVARCHAR(200) NULL,
    respondent_person_id  UNIQUEIDENTIFIER NULL,
    respondent_key        NVARCHAR(64) NULL,
    respondent_erased     BIT NOT NULL
);

CREATE INDEX ix_campaign_response_campaign ON evaluation.campaign_response (campaign_id, id);
