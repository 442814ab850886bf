-- One read model of the projects (ADR 0024, 0025): campaign_project, the départements the evaluation of accompaniment
-- kept apart from the same Projects events, merges into project / project_departement. A project only it knew is copied
-- (status 'submitted', the first Evaluation knows, and its version, so that the project's next event completes it), with
-- its départements when project_departement has none for it at a version not newer; then campaign_project goes.
INSERT INTO evaluation.project (id, academie, status, version)
SELECT cp.project_id, cp.academie, 'submitted', cp.version FROM evaluation.campaign_project cp
WHERE NOT EXISTS (SELECT 1 FROM evaluation.project p WHERE p.id = cp.project_id);

INSERT INTO evaluation.project_departement (project_id, departement)
SELECT cp.project_id, d.value
FROM evaluation.campaign_project cp CROSS APPLY STRING_SPLIT(cp.departements, '|') d
WHERE d.value <> ''
  AND EXISTS (SELECT 1 FROM evaluation.project p WHERE p.id = cp.project_id AND p.version <= cp.version)
  AND NOT EXISTS (SELECT 1 FROM evaluation.project_departement pd WHERE pd.project_id = cp.project_id);

DROP TABLE evaluation.campaign_project;
