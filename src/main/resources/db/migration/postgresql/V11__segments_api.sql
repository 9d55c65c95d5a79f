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

-- GET /v1/customers/{id}/segments needs no index of its own: it probes each current segment's
-- (seg_no, customer_key) index of its run's partition (a few milliseconds for hundreds of segments).
