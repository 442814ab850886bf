-- The sessions of an accompaniment plan (a child collection of the plan: ADR 0012, ADR 0021).
CREATE TABLE accompaniment.plan_session (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_accompaniment_plan_session PRIMARY KEY,
    plan_id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_accompaniment_plan_session_plan REFERENCES accompaniment.accompaniment_plan (id),
    held_on           DATE NOT NULL,
    duration_minutes  INT NOT NULL,
    modality          NVARCHAR(20) NOT NULL,
    participants      NVARCHAR(MAX) NOT NULL,
    other_participants INT NOT NULL,
    tools             NVARCHAR(MAX) NOT NULL,
    summary           NVARCHAR(4000) NULL,
    next_steps        NVARCHAR(MAX) NOT NULL,
    created_at        DATETIMEOFFSET NOT NULL,
    updated_at        DATETIMEOFFSET NOT NULL
);

CREATE INDEX ix_plan_session_plan ON accompaniment.plan_session (plan_id, held_on);
