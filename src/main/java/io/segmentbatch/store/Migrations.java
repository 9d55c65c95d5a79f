package io.segmentbatch.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

import java.util.Arrays;

/**
 * How the application migrates its database. Versions 12 to 16 were added after 35 (destinations) but numbered below
 * it, so a database that got 35 first has them left behind: Flyway calls them {@linkplain MigrationState#IGNORED
 * ignored} and would refuse to start. Only such a database is migrated out of order (which applies them); every
 * other one in order, as Flyway warns on every start that a schema migrated out of order "may not be reproducible".
 */
public final class Migrations {
    private Migrations() {}

    /** Migrates with {@code flyway}'s configuration, out of order only when a version below the current one is missing. */
    public static MigrateResult migrate(Flyway flyway) {
        boolean leftBehind = Arrays.stream(flyway.info().all())
                .map(MigrationInfo::getState)
                .anyMatch(state -> state == MigrationState.IGNORED);
        if (!leftBehind || flyway.getConfiguration().isOutOfOrder()) {
            return flyway.migrate();
        }
        return Flyway.configure()
                .configuration(flyway.getConfiguration())
                .outOfOrder(true)
                .load()
                .migrate();
    }
}
