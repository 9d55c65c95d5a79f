package io.segmentbatch.job;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runs going in one process: one slot per job, waiting in arrival order, and no new run once closed. */
class ActiveRunsTests {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ActiveRuns runs = new ActiveRuns();
    private final List<Thread> waiters = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeRuns() {
        waiters.forEach(Thread::interrupt);
        runs.close();
    }

    @Test
    void aJobHasOneSlotAndASecondEntryIsRefusedNamingTheRunThatHoldsIt() {
        runs.enterNow("nightly");
        runs.started("nightly", "run_1");

        assertThatThrownBy(() -> runs.enterNow("nightly"))
                .isInstanceOf(JobBusyException.class)
                .hasMessageContaining("nightly")
                .hasMessageContaining("run_1")
                .satisfies(e -> assertThat(((JobBusyException) e).activeRunId()).isEqualTo("run_1"));
        assertThat(runs.activeRun("nightly")).contains("run_1");
        assertThat(runs.activeRunIds()).containsExactly("run_1");
    }

    @Test
    void aHeldRunBeingSettledHoldsTheSlotSaysSoAndIsNoRunToStop() {
        runs.enterToSettle("nightly", "run_7");

        assertThatThrownBy(() -> runs.enterNow("nightly"))
                .isInstanceOf(JobBusyException.class)
                .hasMessage("job nightly is busy: its held run run_7 is being approved or discarded")
                .satisfies(e -> assertThat(((JobBusyException) e).activeRunId()).isEqualTo("run_7"));
        assertThat(runs.activeRunIds())
                .as("shutdown stops runs, not an approval")
                .isEmpty();

        runs.leave("nightly");
        runs.enterNow("nightly");
        assertThatThrownBy(() -> runs.enterNow("nightly"))
                .as("a run that has its slot but no ID yet is in this process too")
                .hasMessage("job nightly is already running (a run of it is starting)");
        runs.started("nightly", "run_8");
        assertThatThrownBy(() -> runs.enterNow("nightly")).hasMessage("job nightly is already running (run run_8)");
    }

    @Test
    void otherJobsRunAtTheSameTime() {
        runs.enterNow("nightly");
        runs.started("nightly", "run_1");
        runs.enterNow("hourly");
        runs.started("hourly", "run_2");

        assertThat(runs.activeRunIds()).containsExactlyInAnyOrder("run_1", "run_2");
        assertThat(runs.activeRun("weekly")).isEmpty();
    }

    @Test
    void leavingFreesTheSlotAndForgetsTheRun() {
        runs.enterNow("nightly");
        runs.started("nightly", "run_1");
        runs.leave("nightly");

        assertThat(runs.activeRun("nightly")).isEmpty();
        assertThat(runs.activeRunIds()).isEmpty();
        runs.enterNow("nightly");
    }

    @Test
    void waitersTakeTheSlotOneAfterTheOtherInArrivalOrder() {
        runs.enterNow("inbox-job");
        List<String> entered = new CopyOnWriteArrayList<>();
        Thread first = waiter("inbox-job", "first", entered);
        awaitWaiting(first);
        Thread second = waiter("inbox-job", "second", entered);
        awaitWaiting(second);
        assertThat(entered).as("both wait while the slot is held").isEmpty();

        runs.leave("inbox-job");
        Awaitility.await().atMost(WAIT).until(() -> entered.size() == 1);
        assertThat(entered).containsExactly("first");
        awaitWaiting(second);

        runs.leave("inbox-job");
        Awaitility.await().atMost(WAIT).until(() -> entered.size() == 2);
        assertThat(entered).containsExactly("first", "second");
    }

    @Test
    void onceClosedNoRunEntersOrStartsAndAWaiterIsTurnedAwayWithoutKeepingTheSlot() throws Exception {
        runs.enterNow("nightly");
        CompletableFuture<Throwable> waiting = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                runs.enterWhenFree("nightly");
                waiting.complete(null);
            } catch (Throwable e) {
                waiting.complete(e);
            }
        });
        waiter.start();
        waiters.add(waiter);
        awaitWaiting(waiter);

        runs.close();
        assertThatThrownBy(() -> runs.enterNow("other")).isInstanceOf(ShuttingDownException.class);
        assertThatThrownBy(() -> runs.enterWhenFree("other")).isInstanceOf(ShuttingDownException.class);
        assertThatThrownBy(() -> runs.submit(() -> "x")).isInstanceOf(ShuttingDownException.class);
        runs.leave("nightly");

        assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ShuttingDownException.class);
        assertThat(runs.activeRunIds()).isEmpty();
    }

    @Test
    void runsGoOnNonDaemonThreadsSoThatTheyEndBeforeTheProcess() throws Exception {
        Thread thread = runs.submit(Thread::currentThread).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(thread.getName()).startsWith("run-");
        assertThat(thread.isDaemon()).isFalse();
    }

    @Test
    void awaitIdleReturnsOnceTheLastRunLeftAndSaysWhenRunsOutlastTheTimeout() throws Exception {
        runs.enterNow("nightly");
        runs.started("nightly", "run_1");
        runs.close();

        assertThat(runs.awaitIdle(Duration.ofMillis(50)))
                .as("run_1 is still going")
                .isFalse();
        runs.leave("nightly");
        assertThat(runs.awaitIdle(WAIT)).isTrue();
    }

    private Thread waiter(String job, String name, List<String> entered) {
        Thread thread = new Thread(
                () -> {
                    try {
                        runs.enterWhenFree(job);
                        entered.add(name);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                name);
        thread.start();
        waiters.add(thread);
        return thread;
    }

    /** Waits until the thread is parked (on the job's slot: nothing else in it blocks). */
    private static void awaitWaiting(Thread thread) {
        Awaitility.await(thread.getName() + " waits for the slot")
                .atMost(WAIT)
                .until(() -> thread.getState() == Thread.State.WAITING);
    }
}
