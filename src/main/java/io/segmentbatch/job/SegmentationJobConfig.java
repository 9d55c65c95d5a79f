package io.segmentbatch.job;

import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.customer.RejectedRowException;
import io.segmentbatch.segment.EvaluatedCustomer;
import io.segmentbatch.segment.JdbcMembershipStore;
import io.segmentbatch.segment.MembershipStore;
import io.segmentbatch.segment.PostgresMembershipStore;
import io.segmentbatch.segment.SegmentCatalog;
import io.segmentbatch.segment.SegmentPublisher;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.LimitCheckingItemSkipPolicy;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.util.Map;

/**
 * The segmentation job: {@code evaluate} (read the export once, evaluate every filter, store members),
 * {@code static-members}, {@code publish} (static segments, events, report) and {@code commit} (make the run
 * the baseline). Every run is one job instance, identified by its {@value #RUN_ID} parameter.
 */
@Configuration(proxyBeanMethods = false)
class SegmentationJobConfig {
    static final String JOB_NAME = "segmentation";
    static final String RUN_ID = "run.id";
    private static final String RUN_ID_EXPRESSION = "#{jobParameters['run.id']}";

    @Bean
    Job segmentationJob(JobRepository repository, Step evaluateStep, Step staticMembersStep, Step publishStep,
                        Step commitStep, RunStatusListener listener) {
        return new JobBuilder(JOB_NAME, repository).listener(listener)
                .start(evaluateStep).next(staticMembersStep).next(publishStep).next(commitStep).build();
    }

    @Bean
    Step evaluateStep(JobRepository repository, PlatformTransactionManager transactions, CustomerItemReader reader,
                      SegmentEvaluator evaluator, MembershipItemWriter writer, RejectRecorder rejects,
                      ProgressReporter progress, SkipPolicy rejectsPolicy,
                      @Value("${segment-batch.chunk-size:5000}") int chunkSize) {
        return new StepBuilder("evaluate", repository).<Customer, EvaluatedCustomer>chunk(chunkSize)
                .transactionManager(transactions)
                .reader(reader).processor(evaluator).writer(writer)
                .faultTolerant().skipPolicy(rejectsPolicy).skipListener(rejects)
                .listener(progress)
                .build();
    }

    @Bean
    Step staticMembersStep(JobRepository repository, PlatformTransactionManager transactions, StaticMembersTasklet tasklet) {
        return new StepBuilder("static-members", repository).tasklet(tasklet, transactions).build();
    }

    @Bean
    Step publishStep(JobRepository repository, PlatformTransactionManager transactions, PublishTasklet tasklet) {
        return new StepBuilder("publish", repository).tasklet(tasklet, transactions).build();
    }

    @Bean
    Step commitStep(JobRepository repository, PlatformTransactionManager transactions, CommitTasklet tasklet) {
        return new StepBuilder("commit", repository).tasklet(tasklet, transactions).build();
    }

    @Bean
    @StepScope
    CustomerItemReader customerReader(@Value(RUN_ID_EXPRESSION) String runId, RunContexts contexts, MembershipStore store,
                                      @Value("${segment-batch.chunk-size:5000}") int chunkSize) {
        RunContext run = contexts.load(runId);
        JobDefinition definition = run.definition();
        ExportReader export = new ExportReader(run.inputFiles(), definition.format(),
                definition.metadataSchema()::typeOf, definition.timezone());
        return new CustomerItemReader(export, store, run.run().runNo(), chunkSize);
    }

    @Bean
    @StepScope
    SegmentEvaluator segmentEvaluator(@Value(RUN_ID_EXPRESSION) String runId, RunContexts contexts) {
        return new SegmentEvaluator(contexts.load(runId));
    }

    @Bean
    @StepScope
    MembershipItemWriter membershipWriter(@Value(RUN_ID_EXPRESSION) String runId, Runs runs, MembershipStore store) {
        return new MembershipItemWriter(store, runs.find(runId).orElseThrow().runNo());
    }

    @Bean
    @StepScope
    RejectRecorder rejectRecorder(@Value(RUN_ID_EXPRESSION) String runId, Runs runs, JdbcTemplate jdbc,
                                  PlatformTransactionManager transactions) {
        return new RejectRecorder(jdbc, transactions, runs.find(runId).orElseThrow().runNo());
    }

    @Bean
    @StepScope
    ProgressReporter progressReporter(@Value(RUN_ID_EXPRESSION) String runId, CustomerItemReader customerReader) {
        return new ProgressReporter(customerReader, runId);
    }

    @Bean
    @StepScope
    LimitCheckingItemSkipPolicy rejectsPolicy(@Value(RUN_ID_EXPRESSION) String runId, RunContexts contexts) {
        return new LimitCheckingItemSkipPolicy(contexts.load(runId).definition().skipLimit(),
                Map.of(RejectedRowException.class, true));
    }

    @Bean
    @StepScope
    StaticMembersTasklet staticMembersTasklet(@Value(RUN_ID_EXPRESSION) String runId, RunContexts contexts,
                                              SegmentPublisher publisher) {
        return new StaticMembersTasklet(contexts.load(runId), publisher);
    }

    @Bean
    @StepScope
    PublishTasklet publishTasklet(@Value(RUN_ID_EXPRESSION) String runId, RunContexts contexts, SegmentPublisher publisher,
                                  MembershipStore store, ReportAssembler reports, Runs runs) {
        return new PublishTasklet(contexts.load(runId), publisher, store, reports, runs);
    }

    @Bean
    @StepScope
    CommitTasklet commitTasklet(@Value(RUN_ID_EXPRESSION) String runId, RunContexts contexts, SegmentCatalog catalog,
                                Runs runs, JdbcTemplate jdbc) {
        return new CommitTasklet(contexts.load(runId), catalog, runs, jdbc);
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
    SegmentPublisher segmentPublisher(DataSource dataSource, SegmentCatalog catalog) {
        return new SegmentPublisher(dataSource, catalog);
    }
}
