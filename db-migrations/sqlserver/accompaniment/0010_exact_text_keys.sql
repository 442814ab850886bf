-- Unique keys over texts the code de-duplicates exactly get a binary collation (ADR 0003): a linguistic one takes
-- "cœur" for "coeur", and the second search term would violate the key on every retry (409); two links that differ
-- only by case are two resources.
DROP INDEX ix_resource_search_term_term ON accompaniment.resource_search_term;
ALTER TABLE accompaniment.resource_search_term DROP CONSTRAINT pk_accompaniment_resource_search_term;
ALTER TABLE accompaniment.resource_search_term ALTER COLUMN term NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE accompaniment.resource_search_term ADD CONSTRAINT pk_accompaniment_resource_search_term PRIMARY KEY (resource_id, term);
CREATE INDEX ix_resource_search_term_term ON accompaniment.resource_search_term (term, resource_id);

DROP INDEX ux_resource_link ON accompaniment.resource;
ALTER TABLE accompaniment.resource ALTER COLUMN link NVARCHAR(800) COLLATE Latin1_General_100_BIN2 NOT NULL;
CREATE UNIQUE INDEX ux_resource_link ON accompaniment.resource (academie, link);
