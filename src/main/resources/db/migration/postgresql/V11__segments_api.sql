-- Segments API (POST /v1/segments). An auto-update or passive segment created over the API is evaluated by
-- the runs of one job: the job its request named (api_job), or, when null, the job with "api_segments": true.
-- API segments keep job_name null, so that the (job_name, name) index of job-file segments never stands in
-- the way of an API segment created again under the name of a deleted one.
ALTER TABLE sb_segment ADD COLUMN api_job VARCHAR(200);

-- The customers of static segments created over the API, as given (their membership needs no run).
CREATE TABLE sb_segment_customer (
    seg_no              BIGINT NOT NULL REFERENCES sb_segment (seg_no),
    customer_id         TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (seg_no, customer_id)
);
CREATE INDEX sb_segment_customer_id ON sb_segment_customer (customer_id);

-- GET /v1/customers/{id}/segments looks members up by customer. New runs' partitions get this index
-- when they are indexed (PostgresMembershipStore.indexRun); these are the partitions that exist already.
DO $$
DECLARE partition_name TEXT;
BEGIN
    FOR partition_name IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                          JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'sb_run_member' LOOP
        EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (customer_key)', partition_name || '_customer', partition_name);
    END LOOP;
END $$;
