package io.segmentbatch;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The application without a web server on the tests' shared in-memory H2. Every test class so annotated (and
 * adding nothing to its context) shares one cached context instead of starting its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// every event goes to the outbox, whatever the job's destinations: the run tests check the outbox against
// events.ndjson (OutboxScopeIntegrationTests checks the default, the types a destination delivers)
@SpringBootTest(properties = {"spring.main.web-application-type=none", "segment-batch.events.outbox=all"})
@ContextConfiguration(initializers = TestDatabases.H2.class)
public @interface H2BatchTest {}
