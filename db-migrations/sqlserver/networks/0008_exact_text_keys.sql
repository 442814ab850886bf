-- Unique keys over texts the code de-duplicates exactly get a binary collation (ADR 0003): a linguistic one takes
-- "œ" for "oe" or "ß" for "ss", and the second insert would violate the key on every retry (409).
DROP INDEX ux_person_email ON networks.person;
ALTER TABLE networks.person ALTER COLUMN email_normalized NVARCHAR(254) COLLATE Latin1_General_100_BIN2 NULL;
CREATE UNIQUE INDEX ux_person_email ON networks.person (academie, email_normalized) WHERE email_normalized IS NOT NULL;

DROP INDEX ux_training_need ON networks.training_need;
ALTER TABLE networks.training_need ALTER COLUMN theme_key NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL;
CREATE UNIQUE INDEX ux_training_need ON networks.training_need (network_id, uai, theme_key, audience);
