-- One process at a time delivers to a destination (H2 only: PostgreSQL uses session advisory locks). A process holds
-- the destination's row with SELECT ... FOR UPDATE NOWAIT in a transaction on a connection of its own; the lock goes
-- with the connection when the process dies.
CREATE TABLE sb_dest_lock (
    dest_key            VARCHAR(500) NOT NULL PRIMARY KEY
);
