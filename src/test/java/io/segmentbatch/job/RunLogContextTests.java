package io.segmentbatch.job;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class RunLogContextTests {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void namesTheJobAndTheRunUntilClosed() {
        try (RunLogContext ignored = RunLogContext.of("nightly", "run_1")) {
            assertThat(MDC.get(RunLogContext.JOB)).isEqualTo("nightly");
            assertThat(MDC.get(RunLogContext.RUN)).isEqualTo("run_1");
        }
        assertThat(MDC.get(RunLogContext.JOB)).isNull();
        assertThat(MDC.get(RunLogContext.RUN)).isNull();
    }

    @Test
    void putsBackWhatTheThreadHadBefore() {
        // a partition run on its job's own thread names the run again, and the job's thread keeps its names after it
        try (RunLogContext outer = RunLogContext.of("nightly", "run_1")) {
            try (RunLogContext inner = RunLogContext.of("nightly", "run_1b")) {
                assertThat(MDC.get(RunLogContext.JOB)).isEqualTo("nightly");
            }
            assertThat(MDC.get(RunLogContext.JOB)).isEqualTo("nightly");
            assertThat(MDC.get(RunLogContext.RUN)).isEqualTo("run_1");
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
