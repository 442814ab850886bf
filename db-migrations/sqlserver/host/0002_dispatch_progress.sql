-- When the dispatcher last delivered something: readiness tells a long queue that drains from a stuck one.
ALTER TABLE host.dispatcher_lease ADD last_progress_at DATETIMEOFFSET NULL;
