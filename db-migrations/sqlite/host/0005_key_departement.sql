-- A key may be limited to one département of its académie (ADR 0023): the DASEN's view of experimentations.
ALTER TABLE api_key ADD COLUMN departement TEXT NULL;
