package io.segmentbatch.job;

import io.segmentbatch.store.Dialect;
import io.segmentbatch.store.UntakenPartitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;

/**
 * Remote mode: the {@code evaluate} step's partitions travel to worker processes over RabbitMQ instead of running on
 * this process's threads. A partition is self-describing (its step execution context names the file, byte range
 * and first line), and manager and workers share the PostgreSQL database: the job repository, where each partition's
 * step execution lives, and the store, where the workers write the run's customers.
 * <ul>
 *   <li>The manager ({@value #ENABLED}{@code =true}, or {@code --remote}) sends one message per partition to the
 *   queue and polls the job repository until every partition has ended (polling survives a manager restart, unlike
 *   the aggregating mode), then runs the rest of the job itself.</li>
 *   <li>A worker ({@code segment-batch worker}, which sets {@value #WORKER}) consumes the queue, one partition per
 *   consumer at a time, acknowledged only once its step execution has ended: a worker killed mid-partition leaves the
 *   message to another worker, which resumes the partition from its last commit.</li>
 * </ul>
 * Both refuse the embedded H2 database: workers on other machines cannot share it.
 */
@Configuration(proxyBeanMethods = false)
class RemotePartitioning {
    static final String ENABLED = "segment-batch.remote.enabled";
    static final String WORKER = "segment-batch.remote.worker";
    private static final Logger log = LoggerFactory.getLogger(RemotePartitioning.class);

    /** The queue partitions travel on, declared (durable) by manager and workers alike. */
    @Bean
    @ConditionalOnRemote
    Queue partitionQueue(
            @Value("${segment-batch.remote.queue:segment-batch.partitions}") String name,
            Dialect dialect,
            ConnectionFactory connections) {
        // the command line refuses such a URL before anything opens it (StartupChecks); this is for other starts
        dialect.whyNotRemote().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        // a broker that does not answer is a start-up error (exit code 2), not a stream of reconnect stack traces
        try {
            connections.createConnection().close();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("remote mode cannot reach RabbitMQ at " + connections.getHost() + ":"
                    + connections.getPort() + " (spring.rabbitmq.*): " + cause.getMessage());
        }
        return new Queue(name, true);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = ENABLED, havingValue = "true")
    static class Manager {
        @Bean
        DirectChannel partitionRequests() {
            return new DirectChannel();
        }

        @Bean
        IntegrationFlow partitionRequestsToBroker(
                DirectChannel partitionRequests, AmqpTemplate amqp, Queue partitionQueue) {
            return IntegrationFlow.from(partitionRequests)
                    .transform(PartitionRequests::encode)
                    .handle(Amqp.outboundAdapter(amqp).routingKey(partitionQueue.getName()))
                    .get();
        }

        @Bean
        RemoteEvaluation remoteEvaluation(
                DirectChannel partitionRequests,
                JobRepository repository,
                UntakenPartitions untaken,
                BeanFactory beanFactory,
                Queue partitionQueue,
                RunProgressBoard progress,
                @Value("${segment-batch.remote.poll-interval:2s}") Duration pollInterval,
                @Value("${segment-batch.remote.timeout:1h}") Duration timeout) {
            log.info(
                    "remote mode: evaluation partitions go to the workers on queue {} (timeout {})",
                    partitionQueue.getName(),
                    RemoteEvaluation.human(timeout));
            return new RemoteEvaluation(
                    partitionRequests, repository, untaken, beanFactory, pollInterval, timeout, progress);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = WORKER, havingValue = "true")
    static class Worker {
        @Bean
        PartitionWorker partitionWorker(
                JobRepository repository, UntakenPartitions untaken, Step evaluatePartitionStep) {
            return new PartitionWorker(repository, untaken, evaluatePartitionStep);
        }

        /**
         * Published as the context starts closing, before the consumers stop (and cut off what they hold). A consumer
         * cut off past {@code shutdown-timeout} has its channel closed by Spring AMQP, so that its message goes back
         * to the queue unacknowledged: what the worker wants. AMQP's warning about it, its error with a stack trace
         * when the acknowledgement then fails, and Spring Batch's errors when the interrupted step was waiting to
         * record a chunk or reading its file ({@code ClosedByInterruptException}), are silenced from here on; the
         * worker's own line says what happened ("cut off by this worker's shutdown; left to another worker").
         */
        @Bean
        ApplicationListener<ContextClosedEvent> partitionWorkerShutdown(PartitionWorker worker) {
            return event -> {
                worker.shuttingDown();
                LoggingSystem logging = LoggingSystem.get(RemotePartitioning.class.getClassLoader());
                for (String logger : List.of(
                        "org.springframework.amqp.rabbit.listener.BlockingQueueConsumer",
                        "org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer",
                        "org.springframework.batch.core.step.tasklet.TaskletStep",
                        "org.springframework.batch.core.step.AbstractStep")) {
                    logging.setLogLevel(logger, LogLevel.OFF);
                }
            };
        }

        /**
         * Partition requests from the queue, {@code concurrency} at a time (one unacknowledged message per consumer).
         * A failure to handle one is not requeued (the manager sees the partition unfinished and fails the run at
         * its timeout; {@code restart} sends it again). On shutdown the consumers finish the partition in hand for
         * up to {@code shutdown-timeout}; one cut off there is acknowledged to nobody and goes to another worker.
         */
        @Bean
        IntegrationFlow partitionRequestsFromBroker(
                ConnectionFactory connections,
                Queue partitionQueue,
                PartitionWorker worker,
                @Value("${segment-batch.remote.concurrency:1}") int concurrency,
                @Value("${segment-batch.remote.shutdown-timeout:60s}") Duration shutdownTimeout) {
            log.info(
                    "worker: taking evaluation partitions from queue {}, {} at a time",
                    partitionQueue.getName(),
                    concurrency);
            return IntegrationFlow.from(Amqp.inboundAdapter(connections, partitionQueue.getName())
                            .configureContainer(container -> container
                                    .concurrentConsumers(concurrency)
                                    .prefetchCount(1)
                                    .defaultRequeueRejected(false)
                                    .shutdownTimeout(shutdownTimeout.toMillis())))
                    .handle(String.class, (payload, headers) -> {
                        worker.handle(PartitionRequests.decode(payload));
                        return null;
                    })
                    .get();
        }
    }

    /** Whether this process takes part in remote partitioning, as manager or worker. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Conditional(OnRemote.class)
    @interface ConditionalOnRemote {}

    static final class OnRemote implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var environment = context.getEnvironment();
            return environment.getProperty(ENABLED, Boolean.class, false)
                    || environment.getProperty(WORKER, Boolean.class, false);
        }
    }
}
