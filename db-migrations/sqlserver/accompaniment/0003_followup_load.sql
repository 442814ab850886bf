-- Follow-up sheets of a plan at the interval the plan sets, and the accompanists of a session (whose hours count in their
-- load). See ADR 0021.
ALTER TABLE accompaniment.accompaniment_plan ADD follow_up_weeks INT NULL;

ALTER TABLE accompaniment.plan_session ADD accompanists NVARCHAR(MAX) NULL;

CREATE TABLE accompaniment.plan_followup_sheet (
    id               UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_accompaniment_plan_followup_sheet PRIMARY KEY,
    plan_id          UNIQUEIDENTIFIER NOT NULL
                     CONSTRAINT fk_accompaniment_plan_followup_sheet_plan REFERENCES accompaniment.accompaniment_plan (id),
    written_on       DATE NOT NULL,
    progress         NVARCHAR(4000) NULL,
    obstacles        NVARCHAR(4000) NULL,
    adjustments      NVARCHAR(4000) NULL,
    self_evaluation  INT NOT NULL,
    created_at       DATETIMEOFFSET NOT NULL,
    updated_at       DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_plan_followup_sheet_plan ON accompaniment.plan_followup_sheet (plan_id, written_on);
