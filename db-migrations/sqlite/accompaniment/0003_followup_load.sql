-- Follow-up sheets of a plan at the interval the plan sets, and the accompanists of a session (whose hours count in their
-- load). See ADR 0021.
ALTER TABLE accompaniment_plan ADD COLUMN follow_up_weeks INTEGER NULL;

ALTER TABLE plan_session ADD COLUMN accompanists TEXT NULL;

CREATE TABLE plan_followup_sheet (
    id               TEXT NOT NULL PRIMARY KEY,
    plan_id          TEXT NOT NULL REFERENCES accompaniment_plan (id),
    written_on       TEXT NOT NULL,
    progress         TEXT NULL,
    obstacles        TEXT NULL,
    adjustments      TEXT NULL,
    self_evaluation  INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE INDEX ix_plan_followup_sheet_plan ON plan_followup_sheet (plan_id, written_on);
