-- Destinations (issue 11): what each run handed to each destination declared in its job file.
-- dest_key names a destination: the declaration's "name", or <job>:<type>:<url or exchange>.

-- The destinations' declarations as last seen, so that the serve dispatcher can deliver pending events
-- without the job file.
CREATE TABLE sb_destination (
    dest_key            VARCHAR(500) NOT NULL PRIMARY KEY,
    job_name            VARCHAR(200) NOT NULL,
    type                VARCHAR(20)  NOT NULL,
    config_json         TEXT         NOT NULL,
    updated_at          TIMESTAMP(3) WITH TIME ZONE NOT NULL
);

-- One row per run and destination, written when the run starts (WAITING): a run that commits and whose
-- process dies before delivering is still found by the next serve or push. RUNNING, DONE, FAILED, SUPERSEDED.
CREATE TABLE sb_dest_run (
    run_id              VARCHAR(40)  NOT NULL,
    dest_key            VARCHAR(500) NOT NULL,
    job_name            VARCHAR(200) NOT NULL,
    type                VARCHAR(20)  NOT NULL,
    state               VARCHAR(20)  NOT NULL,
    error               TEXT,
    updated_at          TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, dest_key)
);

-- The ledger of remote (Voucherify) segments: one row per run, destination and static segment. CREATING is
-- written before the POST, so that a process killed during the call leaves a row to check by name.
-- PENDING, CREATING, DONE, KEPT (unchanged: the previous remote segment is kept), FAILED.
CREATE TABLE sb_dest_segment (
    dest_key            VARCHAR(500)  NOT NULL,
    run_id              VARCHAR(40)   NOT NULL,
    local_id            VARCHAR(40)   NOT NULL,
    parent_id           VARCHAR(40)   NOT NULL,
    parent_name         VARCHAR(1000) NOT NULL,
    name                VARCHAR(1000) NOT NULL,
    members_hash        VARCHAR(64)   NOT NULL,
    state               VARCHAR(20)   NOT NULL,
    remote_id           VARCHAR(100),
    tries               INTEGER       NOT NULL,
    error               TEXT,
    updated_at          TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dest_key, run_id, local_id)
);
CREATE INDEX sb_dest_segment_remote ON sb_dest_segment (dest_key, remote_id);

-- Remote segments replaced and deleted (DELETING before the DELETE call, DELETED after it).
CREATE TABLE sb_dest_deletion (
    dest_key            VARCHAR(500) NOT NULL,
    remote_id           VARCHAR(100) NOT NULL,
    run_id              VARCHAR(40)  NOT NULL,
    state               VARCHAR(20)  NOT NULL,
    error               TEXT,
    updated_at          TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dest_key, remote_id)
);

-- Event deliveries (webhook, rabbitmq) from the sb_event outbox: PENDING, DELIVERED, DEAD.
CREATE TABLE sb_delivery (
    dest_key            VARCHAR(500) NOT NULL,
    event_seq           BIGINT       NOT NULL,
    event_id            VARCHAR(40)  NOT NULL,
    run_id              VARCHAR(40)  NOT NULL,
    event_type          VARCHAR(40)  NOT NULL,
    state               VARCHAR(20)  NOT NULL,
    tries               INTEGER      NOT NULL,
    next_attempt_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    last_error          TEXT,
    updated_at          TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dest_key, event_seq)
);
CREATE INDEX sb_delivery_due ON sb_delivery (dest_key, state, next_attempt_at);
CREATE INDEX sb_delivery_run ON sb_delivery (run_id, dest_key);
