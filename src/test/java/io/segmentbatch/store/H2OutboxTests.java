package io.segmentbatch.store;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

class H2OutboxTests extends AbstractOutboxTests {

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource(
                "jdbc:h2:mem:outbox-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Override
    String vendor() {
        return "h2";
    }
}
