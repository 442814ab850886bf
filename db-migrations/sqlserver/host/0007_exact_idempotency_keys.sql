-- Idempotency keys are compared exactly, as the code does: "abc" and "ABC" are two keys, which a linguistic
-- collation would take for one (replaying another request's response). The primary key (up to 400 + 510 bytes)
-- becomes nonclustered, which allows 1,700 bytes: a clustered key over 900 bytes refused long keys at insert.
ALTER TABLE host.idempotency_record DROP CONSTRAINT pk_idempotency_record;
ALTER TABLE host.idempotency_record ALTER COLUMN caller_id NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE host.idempotency_record ALTER COLUMN idempotency_key NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE host.idempotency_record ADD CONSTRAINT pk_idempotency_record PRIMARY KEY NONCLUSTERED (caller_id, idempotency_key);
