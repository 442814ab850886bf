-- A report's search terms are de-duplicated exactly: their key gets a binary collation (ADR 0003), where a
-- linguistic one takes "cœur" for "coeur" and the second term would violate the key on every retry (409).
DROP INDEX ix_report_search_term_term ON evaluation.report_search_term;
ALTER TABLE evaluation.report_search_term DROP CONSTRAINT pk_evaluation_report_search_term;
ALTER TABLE evaluation.report_search_term ALTER COLUMN term NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE evaluation.report_search_term ADD CONSTRAINT pk_evaluation_report_search_term PRIMARY KEY (report_id, term);
CREATE INDEX ix_report_search_term_term ON evaluation.report_search_term (term, report_id);
