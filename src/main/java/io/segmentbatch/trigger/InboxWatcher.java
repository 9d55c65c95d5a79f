package io.segmentbatch.trigger;

import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.ServedJobs;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.store.Runs;
import io.segmentbatch.store.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.endpoint.SourcePollingChannelAdapter;
import org.springframework.integration.file.FileReadingMessageSource;
import org.springframework.integration.file.filters.ChainFileListFilter;
import org.springframework.integration.file.filters.FileListFilter;
import org.springframework.integration.file.filters.LastModifiedFileListFilter;
import org.springframework.integration.file.filters.RegexPatternFileListFilter;
import org.springframework.integration.jdbc.metadata.JdbcMetadataStore;
import org.springframework.messaging.MessageHandler;
import org.springframework.stereotype.Component;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Watches each job's inbox with a Spring Integration file inbound adapter. A file is taken once it has its final
 * name ({@link InboxFiles#TAKEN}) and has not changed for {@code min-file-age} (5 s by default: Spring
 * Integration's {@link LastModifiedFileListFilter}, so a file still being written waits); the {@link InboxLedger}
 * over the JDBC metadata store makes sure each drop (name + size + modification time) is launched once, across
 * restarts. Files go, in arrival order (last-modified time, then name), to one thread per job that runs them one
 * after the other through the launch facade ({@link InboxRunner}).
 */
@Component
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class InboxWatcher extends ServeTrigger {
    private static final Logger log = LoggerFactory.getLogger(InboxWatcher.class);
    private static final Comparator<File> ARRIVAL =
            Comparator.comparingLong(File::lastModified).thenComparing(File::getName);

    private final ServedJobs jobs;
    private final ServeSettings settings;
    private final IntegrationFlowContext flows;
    private final JdbcMetadataStore store;
    private final InboxRunner runner;
    private final Runs runs;
    private final List<String> registrations = new ArrayList<>();
    private final List<ThreadPoolExecutor> executors = new ArrayList<>();

    InboxWatcher(
            ServedJobs jobs,
            ServeSettings settings,
            IntegrationFlowContext flows,
            JdbcMetadataStore store,
            InboxRunner runner,
            Runs runs) {
        this.jobs = jobs;
        this.settings = settings;
        this.flows = flows;
        this.store = store;
        this.runner = runner;
        this.runs = runs;
    }

    @Override
    void startTaking() {
        for (JobDefinition job : jobs.all()) {
            if (job.inbox() != null) {
                watch(job, InboxFiles.prepare(Path.of(job.inbox())));
            }
        }
    }

    private void watch(JobDefinition job, Path inbox) {
        String prefix = "inbox:" + job.name() + ":";
        InboxLedger seen = new InboxLedger(store, prefix);
        // the job's thread, one file at a time: the resumes of files an earlier process left, then the polls (at most
        // one waiting, below); its queue is kept, so that a shutdown can drop what waits in it
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                task -> new Thread(task, "inbox-" + job.name()));
        executors.add(executor);
        reclaim(job, inbox, seen, executor);

        List<FileListFilter<File>> filters = new ArrayList<>();
        filters.add(new RegexPatternFileListFilter(InboxFiles.TAKEN));
        if (!settings.minFileAge().isZero()) {
            // a file still being written under its final name changes its modification time: it waits
            LastModifiedFileListFilter age = new LastModifiedFileListFilter() {
                @Override
                protected Instant getLastModified(File file) {
                    // Spring Integration truncates to whole seconds, which would take a file up to 1 s early
                    return Instant.ofEpochMilli(file.lastModified());
                }
            };
            age.setAge(settings.minFileAge());
            filters.add(age);
        }
        filters.add(seen);
        FileReadingMessageSource source = new FileReadingMessageSource(ARRIVAL);
        source.setDirectory(inbox.toFile());
        source.setFilter(new ChainFileListFilter<>(filters));
        // every poll lists the folder again and sorts what it finds with the files listed before and still waiting
        source.setScanEachPoll(true);

        // One file a poll, run on the job's thread in the poll itself: the oldest file waiting when the thread is
        // free runs next. (Files handed to a queue as each poll listed them ran in the order of the polls, not of
        // their modification times.) While a run goes, at most one poll waits for the thread; the others are
        // dropped, and the next comes after the poll interval.
        AtomicBoolean pollWaiting = new AtomicBoolean();
        TaskExecutor polls = poll -> {
            if (pollWaiting.compareAndSet(false, true)) {
                executor.execute(() -> {
                    pollWaiting.set(false);
                    poll.run();
                });
            }
        };
        MessageHandler handler = message -> runner.process(job, ((File) message.getPayload()).toPath(), seen);
        IntegrationFlow flow = IntegrationFlow.from(
                        source,
                        adapter -> adapter.poller(Pollers.fixedDelay(settings.pollInterval())
                                .taskExecutor(polls)
                                .maxMessagesPerPoll(1)))
                .handle(handler)
                .get();
        String id = "inbox-" + job.name();
        flows.registration(flow).id(id).register();
        registrations.add(id);
    }

    /**
     * Files that an earlier process took but did not finish stay in the inbox with their ledger entry. "Already
     * ran" is decided on the file's content identity and the moment its run was about to start, both recorded in
     * the entry: a file whose size or modification time differ from the entry is a new file, and so is one
     * whose last run was created before that moment (an older drop of the same name). Otherwise a run that
     * completed moves its file now, a run that failed or was stopped is restarted from its last commit (so the
     * file still runs once), and a file whose run never started is forgotten so that the adapter takes it again.
     */
    private void reclaim(JobDefinition job, Path inbox, InboxLedger seen, ExecutorService executor) {
        for (Path file : inboxFiles(inbox)) {
            if (!seen.taken(file.toFile())) {
                continue;
            }
            var entry = seen.entry(file.toFile());
            if (entry.isEmpty() || !entry.get().sameContentAs(file.toFile())) {
                log.info(
                        "inbox of job {}: {} is not the file taken under that name before ({}); taking it as a new file",
                        job.name(),
                        file,
                        entry.map(Object::toString).orElse("no size recorded"));
                seen.remove(file.toFile());
                continue;
            }
            var run = runs.lastOfInput(job.name(), Trigger.FILE, List.of(file.toString()))
                    .filter(last -> !last.createdAt().isBefore(entry.get().since()));
            if (run.isEmpty()) {
                log.info("inbox of job {}: {} was taken but never ran; taking it again", job.name(), file);
                seen.remove(file.toFile());
            } else if (RunStatus.COMPLETED.is(run.get().status())) {
                Path moved = InboxFiles.processed(file, run.get().runId());
                log.info(
                        "inbox of job {}: {} already ran (run {}, same size and modification time); moved to {}"
                                + " without running again",
                        job.name(),
                        file,
                        run.get().runId(),
                        moved);
                seen.remove(file.toFile());
            } else if (RunStatus.HELD.is(run.get().status())) {
                Path held = InboxFiles.held(
                        file, run.get().runId(), job.name(), run.get().runFolder());
                seen.remove(file.toFile());
                log.info(
                        "inbox of job {}: {} was left by run {}, which is held; moved to {}",
                        job.name(),
                        file,
                        run.get().runId(),
                        held);
            } else {
                log.info(
                        "inbox of job {}: {} was left by run {} ({}); restarting it",
                        job.name(),
                        file,
                        run.get().runId(),
                        run.get().status());
                executor.execute(() -> runner.resume(job, file, run.get().runId(), seen));
            }
        }
    }

    private static List<Path> inboxFiles(Path inbox) {
        try (Stream<Path> list = Files.list(inbox)) {
            return list.filter(Files::isRegularFile)
                    .filter(path -> InboxFiles.TAKEN
                            .matcher(path.getFileName().toString())
                            .matches())
                    .sorted(Comparator.comparing(path -> path.toFile(), ARRIVAL))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inbox " + inbox, e);
        }
    }

    /** Stops taking files; a run going ends at the next commit ({@code RunShutdown}) and its file stays. */
    @Override
    void stopTaking() {
        // the pollers first, then the poll waiting for the job's thread, then the flows (a file still queued when its
        // flow went had nowhere to go: "Dispatcher has no subscribers", an ERROR with a stack trace). Files listed
        // but not run stay taken in the ledger, and the next start takes them again ("taken but never ran")
        for (String id : registrations) {
            var registration = flows.getRegistrationById(id);
            if (registration != null) {
                registration.getIntegrationFlow().getIntegrationComponents().keySet().stream()
                        .filter(SourcePollingChannelAdapter.class::isInstance)
                        .forEach(adapter -> ((SourcePollingChannelAdapter) adapter).stop());
            }
        }
        executors.forEach(executor -> executor.getQueue().clear());
        registrations.forEach(flows::remove);
        registrations.clear();
        executors.forEach(ExecutorService::shutdown);
        executors.clear();
    }
}
