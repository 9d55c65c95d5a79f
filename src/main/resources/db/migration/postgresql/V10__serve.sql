-- Serve mode. Spring Integration's JDBC metadata store (its own schema): the inbox's
-- persistent accept-once record, one row per file seen, so that a dropped file is launched once even
-- across restarts (keys widened from 255 for long paths). Keys are 'inbox:<job>:<absolute path>', values the file's last-modified time.
CREATE TABLE INT_METADATA_STORE (
    METADATA_KEY        VARCHAR(1000) NOT NULL,
    METADATA_VALUE      VARCHAR(4000),
    REGION              VARCHAR(100) NOT NULL,
    CONSTRAINT INT_METADATA_STORE_PK PRIMARY KEY (METADATA_KEY, REGION)
);
