-- A key may be limited to one département of its académie (ADR 0023): the DASEN's view of experimentations.
ALTER TABLE host.api_key ADD departement NVARCHAR(3) NULL;
