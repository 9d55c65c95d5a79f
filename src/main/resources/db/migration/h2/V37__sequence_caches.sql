-- H2 only: every sequence and identity column hands out 100,000 cached values instead of 32.
--
-- H2 takes its metadata lock for the whole of a CREATE INDEX (a run's index: 5 to 6 s per million customers), and a
-- sequence that has handed out its cached values stores its next range under that same lock. With 32 values cached,
-- another job's statements that take sequence values (its step executions, its runs and static segments, its outbox
-- events) waited for the index of a large run and failed after H2's 2 s lock timeout ("Timeout trying to lock table
-- SYS"; the system session that stores the range keeps that timeout whatever the URL sets). With 100,000 cached
-- values a sequence stores its range once per 100,000 values (and at its first use after the database opens). Values
-- skipped when a process is killed leave gaps, which no reader of these numbers minds. PostgreSQL takes no such lock.
ALTER SEQUENCE BATCH_STEP_EXECUTION_SEQ CACHE 100000;
ALTER SEQUENCE BATCH_JOB_EXECUTION_SEQ CACHE 100000;
ALTER SEQUENCE BATCH_JOB_INSTANCE_SEQ CACHE 100000;
ALTER TABLE BATCH_JOB_INSTANCE ALTER COLUMN JOB_INSTANCE_ID SET CACHE 100000;
ALTER TABLE BATCH_JOB_EXECUTION ALTER COLUMN JOB_EXECUTION_ID SET CACHE 100000;
ALTER TABLE BATCH_STEP_EXECUTION ALTER COLUMN STEP_EXECUTION_ID SET CACHE 100000;
ALTER TABLE sb_segment ALTER COLUMN seg_no SET CACHE 100000;
ALTER TABLE sb_run ALTER COLUMN run_no SET CACHE 100000;
ALTER TABLE sb_event ALTER COLUMN seq SET CACHE 100000;
