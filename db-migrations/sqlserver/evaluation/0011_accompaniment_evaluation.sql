-- The evaluation of accompaniment (ADR 0025): one built-in questionnaire per académie, and what the module knows of an
-- accompanied project's départements (from the Projects lifecycle events) to group the results by département.
CREATE UNIQUE INDEX ux_questionnaire_builtin ON evaluation.questionnaire (academie) WHERE is_builtin = 1;

CREATE TABLE evaluation.campaign_project (
    project_id    UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluation_campaign_project PRIMARY KEY,
    academie      NVARCHAR(10) NOT NULL,
    departements  NVARCHAR(400) NOT NULL,
    version       INT NOT NULL
);
