package io.segmentbatch.job;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionRequestsTests {

    @Test
    void aRequestTravelsAsPlainTextAndComesBackTheSame() {
        String text = PartitionRequests.encode(new StepExecutionRequest("evaluate-partition", 4711L));
        assertThat(text).isEqualTo("evaluate-partition 4711");
        StepExecutionRequest back = PartitionRequests.decode(text);
        assertThat(back.getStepName()).isEqualTo("evaluate-partition");
        assertThat(back.getStepExecutionId()).isEqualTo(4711L);
    }

    @Test
    void aMessageThatIsNoRequestIsRefusedSayingWhatItWas() {
        assertThatThrownBy(() -> PartitionRequests.decode("hello")).hasMessage("not a partition request: 'hello'");
        assertThatThrownBy(() -> PartitionRequests.decode("evaluate-partition x"))
                .hasMessageContaining("'evaluate-partition x'");
    }

    @Test
    void aFailedPartitionIsExplainedByItsInnermostCause() {
        StepExecution partition = partition(ExitStatus.FAILED.addExitDescription(new IllegalStateException(
                "outer", new java.io.UncheckedIOException(new java.io.IOException("disk on fire")))));
        assertThat(RemoteEvaluation.reason(partition)).isEqualTo("java.io.IOException: disk on fire");
    }

    @Test
    void aFailureOfOurOwnIsItsMessageWithoutTheClassName() {
        StepExecution partition = partition(ExitStatus.FAILED.addExitDescription(new IllegalStateException(
                "outer", new io.segmentbatch.customer.ExportFormatException("/in/b.csv: input changed"))));
        assertThat(RemoteEvaluation.reason(partition)).isEqualTo("/in/b.csv: input changed");
    }

    @Test
    void aPartitionPastTheSkipLimitSaysSo() {
        StepExecution partition = partition(ExitStatus.FAILED.addExitDescription(
                new org.springframework.batch.core.step.skip.SkipLimitExceededException(
                        10, new RuntimeException("bad row"))));
        assertThat(RemoteEvaluation.reason(partition))
                .startsWith("more rows were rejected than the job's skip_limit allows");
    }

    @Test
    void aPartitionFailedWithAPlainReasonKeepsIt() {
        StepExecution partition = partition(ExitStatus.FAILED.addExitDescription("cannot read the input file /x.csv"));
        assertThat(RemoteEvaluation.reason(partition)).isEqualTo("cannot read the input file /x.csv");
    }

    private static StepExecution partition(ExitStatus status) {
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "segmentation"), new JobParameters());
        StepExecution partition = new StepExecution(2L, "evaluate-partition:file0000-part0000", job);
        partition.setExitStatus(status);
        return partition;
    }
}
