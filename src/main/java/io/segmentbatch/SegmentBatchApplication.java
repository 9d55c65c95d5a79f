package io.segmentbatch;

import io.segmentbatch.trigger.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot application; {@link #main} hands the command line to {@link Cli}. */
@SpringBootApplication
public class SegmentBatchApplication {
    /*
     * The embedded H2 database's auto-server (which lets a second local process open the same file) listens on
     * 127.0.0.1 only, not on every interface: whoever reaches its port could log in as {@code sa}. H2 reads the
     * property once, when its classes load, which is after this class has loaded. {@code -Dh2.bindAddress=…} overrides.
     * The same goes for {@code h2.objectCache}, off unless set.
     */
    static {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        // H2 looks every value it reads up in a cache of its own to share equal ones: on a run's million rows that
        // cache took a sixth of indexing and publishing (JFR), and the 1M bench on H2 took 43 s with it, 37 s without
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    public static void main(String[] args) {
        // the build's ahead-of-time processing (process-aot in pom.xml) calls this method to start the application
        if (Boolean.getBoolean("spring.aot.processing")) {
            Cli.prepareAheadOfTime();
            return;
        }
        System.exit(Cli.execute(args));
    }
}
