-- When the dispatcher last delivered something: readiness tells a long queue that drains from a stuck one.
ALTER TABLE dispatcher_lease ADD COLUMN last_progress_at TEXT NULL;
