-- The sessions of an accompaniment plan (a child collection of the plan: ADR 0012, ADR 0021).
CREATE TABLE plan_session (
    id                TEXT NOT NULL PRIMARY KEY,
    plan_id           TEXT NOT NULL REFERENCES accompaniment_plan (id),
    held_on           TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL,
    modality          TEXT NOT NULL,
    participants      TEXT NOT NULL,
    other_participants INTEGER NOT NULL,
    tools             TEXT NOT NULL,
    summary           TEXT NULL,
    next_steps        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE INDEX ix_plan_session_plan ON plan_session (plan_id, held_on);
