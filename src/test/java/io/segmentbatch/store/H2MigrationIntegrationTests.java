package io.segmentbatch.store;

import javax.sql.DataSource;

class H2MigrationIntegrationTests extends AbstractMigrationIntegrationTests {
    private final DataSource dataSource =
            dataSource("jdbc:h2:mem:migration-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    String vendor() {
        return "h2";
    }
}
