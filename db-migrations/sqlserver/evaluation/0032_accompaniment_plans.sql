-- Evaluation's read model of the accompaniment plans (ADR 0025), from the Accompaniment plan events: enough to check that
-- a campaign's target plan exists in the caller's académie. The plans whose closing already opened an evaluation are
-- known from that campaign (version 0, so any event of theirs updates them).
CREATE TABLE evaluation.accompaniment_plan (
    id        UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_accompaniment_plan PRIMARY KEY,
    academie  NVARCHAR(10) NOT NULL,
    version   INT NOT NULL
);

INSERT INTO evaluation.accompaniment_plan (id, academie, version)
SELECT target_id, MIN(academie), 0 FROM evaluation.campaign
WHERE target_type = 'accompaniment' AND project_id IS NOT NULL GROUP BY target_id;
