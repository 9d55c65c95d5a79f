package io.segmentbatch.destination;

import io.segmentbatch.json.Json;
import io.segmentbatch.store.Deliveries;
import io.segmentbatch.store.Deliveries.DueEvent;
import io.segmentbatch.store.DestinationRuns;
import io.segmentbatch.store.JobLocks;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * At-least-once delivery of the events outbox: each destination's due PENDING deliveries are sent in outbox order;
 * a failed send is tried again after the destination's backoff, and after its last try the event is DEAD (listed
 * and redelivered on request). One process at a time sends to a destination: it holds the destination's lock from
 * reading the due deliveries to recording how they went, and a process that finds the lock taken leaves them to the
 * holder.
 */
@Component
class EventDispatch {
    private static final Logger log = LoggerFactory.getLogger(EventDispatch.class);
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

    private final Deliveries deliveries;
    private final DestinationRuns runs;
    private final Environment environment;
    private final ObjectProvider<ConnectionFactory> rabbit;
    private final JobLocks locks;
    private volatile @Nullable RabbitTemplate template;

    EventDispatch(
            Deliveries deliveries,
            DestinationRuns runs,
            Environment environment,
            ObjectProvider<ConnectionFactory> rabbit,
            JobLocks locks) {
        this.deliveries = deliveries;
        this.runs = runs;
        this.environment = environment;
        this.rabbit = rabbit;
        this.locks = locks;
    }

    void enqueue(String destKey, String runId, Collection<String> types) {
        int added = deliveries.enqueue(destKey, runId, types, Instant.now());
        log.info("run {}: {} event(s) queued for {}", runId, added, destKey);
    }

    /**
     * Sends every due delivery of the destinations no other process sends to now, until done or stopping; returns the
     * runs whose deliveries changed.
     */
    synchronized Set<String> drain(DeliveryStop stop) {
        Set<String> touched = new LinkedHashSet<>();
        for (String destKey : deliveries.destinationsDue(Instant.now())) {
            if (stop.stopping() || Thread.currentThread().isInterrupted()) {
                break;
            }
            Optional<JobLocks.Held> lock;
            try {
                lock = locks.tryLockDestination(destKey);
            } catch (RuntimeException e) {
                log.warn("deliveries to {}: {}", destKey, e.getMessage());
                continue;
            }
            if (lock.isEmpty()) {
                log.debug("deliveries to {} left to the process sending them now", destKey);
                continue;
            }
            try (JobLocks.Held held = lock.get()) {
                drain(destKey, touched, stop);
            } catch (RuntimeException e) {
                log.warn("deliveries to {}: {}", destKey, e.getMessage());
            }
        }
        return touched;
    }

    private void drain(String destKey, Set<String> touched, DeliveryStop stop) {
        DestinationRuns.DestinationRow row = runs.destination(destKey)
                .orElseThrow(() -> new IllegalStateException("no declaration stored for destination " + destKey));
        DestinationSpec spec = DestinationsSection.readStored(Json.MAPPER.readTree(row.configJson()), row.jobName());
        if (spec instanceof DestinationSpec.RabbitMq && rabbit.getIfAvailable() == null) {
            // this process left RabbitMQ out: a one-shot run whose own job has no rabbitmq destination (RunCommand).
            // Another job's due RabbitMQ deliveries stay due, untried, for a process that has it (serve, push, a run of
            // that job); counted as failed tries here, they went dead after enough runs of other jobs
            log.debug("deliveries to {} left due: no RabbitMQ in this process", destKey);
            return;
        }
        DestinationSpec.Retry retry = spec instanceof DestinationSpec.Webhook webhook
                ? webhook.retry()
                : ((DestinationSpec.RabbitMq) spec).retry();
        EventSender sender;
        try {
            sender = sender(spec, row.jobName());
        } catch (IllegalStateException e) {
            sender = null;
            failAll(destKey, retry, e.getMessage(), touched);
            return;
        }
        Refusals refusals = new Refusals();
        try {
            sendDue(destKey, retry, sender, touched, stop, refusals);
        } finally {
            if (refusals.events > refusals.dead) {
                log.info(
                        "deliveries to {}: {} event(s) refused ({}); retried with backoff",
                        destKey,
                        refusals.events - refusals.dead,
                        refusals.last);
            }
            logDead(destKey, retry, refusals.dead, refusals.last);
        }
    }

    /**
     * The refusals of one destination's drain, logged once at its end: a receiver that answers 400 to every
     * request logged a line per event at a batch size of 1.
     */
    private static final class Refusals {
        private int events;
        private int dead;
        private @Nullable String last;
    }

    /**
     * Events that used their last try are dead: a WARN, for they are not sent again unless someone redelivers them
     * (the backlog gauge counts pending events only, and drops when they die).
     */
    private static void logDead(String destKey, DestinationSpec.Retry retry, int dead, @Nullable String error) {
        if (dead > 0) {
            log.warn(
                    "deliveries to {}: {} event(s) are dead after {} tries ({}); they are not sent again until"
                            + " redelivered (segment-batch deliveries redeliver --destination {})",
                    destKey,
                    dead,
                    retry.maxTries(),
                    error,
                    destKey);
        }
    }

    /** Sends the destination's due events, batch by batch, until none is due or it is down. */
    private void sendDue(
            String destKey,
            DestinationSpec.Retry retry,
            EventSender sender,
            Set<String> touched,
            DeliveryStop stop,
            Refusals refusals) {
        while (true) {
            List<DueEvent> due = deliveries.due(destKey, Instant.now(), sender.batchSize() * 10);
            if (due.isEmpty()) {
                return;
            }
            for (int from = 0; from < due.size(); from += sender.batchSize()) {
                if (stop.stopping()) {
                    return;
                }
                List<DueEvent> batch = due.subList(from, Math.min(due.size(), from + sender.batchSize()));
                try {
                    sender.send(batch);
                    deliveries.delivered(
                            destKey, batch.stream().map(DueEvent::eventSeq).toList(), Instant.now());
                    touchRuns(batch, touched);
                } catch (CallFailure e) {
                    if (e.kind() == CallFailure.Kind.INTERRUPTED) {
                        // no try is counted, nothing written from an interrupted thread: sent again later
                        return;
                    }
                    if (e.kind() == CallFailure.Kind.PERMANENT) {
                        // refused for this batch's sake (a 4xx), or some of its events for theirs (unroutable in
                        // RabbitMQ): the other events may still go
                        List<DueEvent> refused = batch;
                        if (e.refused() != null) {
                            Set<String> returned = Set.copyOf(e.refused());
                            refused = batch.stream()
                                    .filter(event -> returned.contains(event.eventId()))
                                    .toList();
                            List<Long> taken = batch.stream()
                                    .filter(event -> !returned.contains(event.eventId()))
                                    .map(DueEvent::eventSeq)
                                    .toList();
                            if (!taken.isEmpty()) {
                                deliveries.delivered(destKey, taken, Instant.now());
                            }
                        }
                        refusals.dead += failed(destKey, retry, refused, e.getMessage());
                        touchRuns(batch, touched);
                        refusals.events += refused.size();
                        refusals.last = e.getMessage();
                        continue;
                    }
                    // the destination is down or overloaded: every due event counts this try, none is sent now
                    failAll(destKey, retry, e.getMessage(), touched);
                    return;
                }
            }
        }
    }

    private void failAll(String destKey, DestinationSpec.Retry retry, @Nullable String error, Set<String> touched) {
        Instant now = Instant.now();
        int count = 0;
        int dead = 0;
        for (List<DueEvent> due = deliveries.due(destKey, now, 5_000);
                !due.isEmpty();
                due = deliveries.due(destKey, now, 5_000)) {
            dead += failed(destKey, retry, due, error);
            touchRuns(due, touched);
            count += due.size();
        }
        if (count > dead) {
            log.info(
                    "deliveries to {}: {} event(s) not delivered ({}); retried with backoff",
                    destKey,
                    count - dead,
                    error);
        }
        logDead(destKey, retry, dead, error);
    }

    /** Counts a failed try of each event of the batch; returns how many used their last try and are dead now. */
    private int failed(String destKey, DestinationSpec.Retry retry, List<DueEvent> batch, @Nullable String error) {
        Instant now = Instant.now();
        List<Deliveries.Failure> failures = batch.stream()
                .map(event -> {
                    int tries = event.tries() + 1;
                    return new Deliveries.Failure(
                            event.eventSeq(), tries >= retry.maxTries() ? null : now.plus(retry.delayAfter(tries)));
                })
                .toList();
        deliveries.failed(destKey, failures, error, now);
        return (int) failures.stream().filter(failure -> failure.next() == null).count();
    }

    private void touchRuns(List<DueEvent> batch, Set<String> touched) {
        for (DueEvent event : batch) {
            touched.add(event.runId());
        }
    }

    private EventSender sender(DestinationSpec spec, String jobName) {
        if (spec instanceof DestinationSpec.Webhook webhook) {
            String secret = environment.getProperty(webhook.secretEnv());
            if (secret == null || secret.isEmpty()) {
                throw new IllegalStateException(
                        "the environment variable " + webhook.secretEnv() + " (the webhook's secret) is not set");
            }
            return new WebhookSender(webhook, jobName, secret);
        }
        return new RabbitSender(rabbitTemplate(), ((DestinationSpec.RabbitMq) spec).exchange(), CONFIRM_TIMEOUT);
    }

    private RabbitTemplate rabbitTemplate() {
        if (template == null) {
            // drain checked that there is one
            template = new RabbitTemplate(rabbit.getObject());
        }
        return template;
    }

    List<Deliveries.DeliveryRow> list(@Nullable String state, @Nullable String destKey, int limit, int offset) {
        return deliveries.list(state(state), destKey, limit, offset);
    }

    long count(@Nullable String state, @Nullable String destKey) {
        return deliveries.count(state(state), destKey);
    }

    List<Deliveries.DeliveryKey> redeliver(@Nullable String destKey, List<String> eventIds) {
        return deliveries.redeliver(destKey, eventIds, Instant.now());
    }

    Deliveries deliveries() {
        return deliveries;
    }

    private static @Nullable String state(@Nullable String state) {
        return state == null ? null : state.toUpperCase(Locale.ROOT);
    }
}
