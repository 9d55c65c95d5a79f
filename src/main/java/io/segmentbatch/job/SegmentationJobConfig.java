package io.segmentbatch.job;

import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.segment.EvaluatedCustomer;
import io.segmentbatch.segment.JdbcMembershipStore;
import io.segmentbatch.segment.MembershipStore;
import io.segmentbatch.segment.PostgresMembershipStore;
import io.segmentbatch.segment.Memberships;
import io.segmentbatch.segment.SegmentCatalog;
import io.segmentbatch.segment.SegmentDirectory;
import io.segmentbatch.segment.SegmentPublisher;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;

/**
 * The segmentation job: {@code evaluate} (read the export once, evaluate every filter, store members),
 * {@code static-members}, {@code index}, {@code publish} (static segments, events, report) and {@code commit} (make the run
 * the baseline). Every run is one job instance, identified by its {@value #RUN_ID} parameter.
 */
@Configuration(proxyBeanMethods = false)
class SegmentationJobConfig {
    static final String JOB_NAME = "segmentation";
    static final String RUN_ID = "run.id";
    private static final String RUN_ID_EXPRESSION = "#{jobParameters['run.id']}";

    @Bean
    Job segmentationJob(JobRepository repository, Step evaluateStep, Step staticMembersStep, Step indexStep,
                        Step publishStep, Step commitStep, RunStatusListener listener) {
        return new JobBuilder(JOB_NAME, repository).listener(listener)
                .start(evaluateStep).next(staticMembersStep).next(indexStep).next(publishStep).next(commitStep).build();
    }

    /**
     * Built per run ({@code @JobScope}), so the reader, evaluator and writer are plain objects made for this
     * run: no scoped proxy sits on the per-customer path.
     */
    @Bean
    @JobScope
    Step evaluateStep(@Value(RUN_ID_EXPRESSION) String runId, JobRepository repository,
                      PlatformTransactionManager transactions, RunContexts contexts, MembershipStore store,
                      JdbcTemplate jdbc, @Value("${segment-batch.chunk-size:5000}") int chunkSize, RunProgressBoard progress) {
        RunContext run = contexts.load(runId);
        JobDefinition definition = run.definition();
        long runNo = run.run().runNo();
        ExportReader export = new ExportReader(run.inputFiles(), definition.format(),
                definition.metadataSchema()::typeOf, definition.timezone());
        CustomerItemReader reader = new CustomerItemReader(export, store, runNo, chunkSize);
        RejectRecorder rejects = new RejectRecorder(jdbc, transactions, runNo);
        return new StepBuilder("evaluate", repository).<Customer, EvaluatedCustomer>chunk(chunkSize)
                .transactionManager(transactions)
                .reader(reader).processor(new SegmentEvaluator(run)).writer(new MembershipItemWriter(store, runNo))
                .faultTolerant()
                .skipPolicy(new RejectLimit(definition.skipLimit(), rejects))
                .skipListener(rejects)
                .listener(new ProgressReporter(reader, progress.of(runId)))
                .build();
    }

    @Bean
    @JobScope
    Step staticMembersStep(@Value(RUN_ID_EXPRESSION) String runId, JobRepository repository,
                           PlatformTransactionManager transactions, RunContexts contexts, SegmentPublisher publisher) {
        return new StepBuilder("static-members", repository)
                .tasklet(new StaticMembersTasklet(contexts.load(runId), publisher), transactions).build();
    }

    /** Indexes the run's members once they are all stored; the store does it outside the step's transaction. */
    @Bean
    @JobScope
    Step indexStep(@Value(RUN_ID_EXPRESSION) String runId, JobRepository repository,
                   PlatformTransactionManager transactions, Runs runs, MembershipStore store) {
        long runNo = runs.find(runId).orElseThrow().runNo();
        return new StepBuilder("index", repository).tasklet((contribution, context) -> {
            store.indexRun(runNo);
            return RepeatStatus.FINISHED;
        }, transactions).build();
    }

    @Bean
    @JobScope
    Step publishStep(@Value(RUN_ID_EXPRESSION) String runId, JobRepository repository,
                     PlatformTransactionManager transactions, RunContexts contexts, SegmentPublisher publisher,
                     MembershipStore store, ReportAssembler reports, Runs runs, Memberships memberships) {
        return new StepBuilder("publish", repository)
                .tasklet(new PublishTasklet(contexts.load(runId), publisher, store, reports, runs, memberships),
                        transactions).build();
    }

    @Bean
    @JobScope
    Step commitStep(@Value(RUN_ID_EXPRESSION) String runId, JobRepository repository,
                    PlatformTransactionManager transactions, RunContexts contexts, SegmentCatalog catalog, Runs runs,
                    JdbcTemplate jdbc, MembershipStore store) {
        return new StepBuilder("commit", repository)
                .tasklet(new CommitTasklet(contexts.load(runId), catalog, runs, jdbc, store), transactions).build();
    }

    @Bean
    MembershipStore membershipStore(DataSource dataSource) throws Exception {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        return "PostgreSQL".equals(product) ? new PostgresMembershipStore(dataSource)
                : new JdbcMembershipStore(new JdbcTemplate(dataSource));
    }

    @Bean
    SegmentCatalog segmentCatalog(JdbcTemplate jdbc) {
        return new SegmentCatalog(jdbc);
    }

    @Bean
    SegmentDirectory segmentDirectory(JdbcTemplate jdbc) {
        return new SegmentDirectory(jdbc);
    }

    @Bean
    Memberships memberships(JdbcTemplate jdbc) {
        return new Memberships(jdbc);
    }

    @Bean
    SegmentPublisher segmentPublisher(DataSource dataSource, SegmentCatalog catalog, MembershipStore store) {
        return new SegmentPublisher(dataSource, catalog, store);
    }
}
