-- The evaluation of accompaniment (ADR 0025): one built-in questionnaire per académie, and what the module knows of an
-- accompanied project's départements (from the Projects lifecycle events) to group the results by département.
CREATE UNIQUE INDEX ux_questionnaire_builtin ON questionnaire (academie) WHERE is_builtin = 1;

CREATE TABLE campaign_project (
    project_id    TEXT NOT NULL PRIMARY KEY,
    academie      TEXT NOT NULL,
    departements  TEXT NOT NULL,
    version       INTEGER NOT NULL
);
