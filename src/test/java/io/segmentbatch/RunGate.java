package io.segmentbatch;

import io.segmentbatch.store.RunCustomers;
import org.aopalliance.intercept.MethodInterceptor;
import org.awaitility.Awaitility;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Holds a run in the middle of its {@code evaluate} step until the test lets it go: a test's way to have a run that
 * is certainly still going (a schedule's next tick, a second launch, a shutdown) without a large input or a timing.
 * <p>
 * Once {@link #holdAt armed}, the n-th chunk written after that waits, inside its transaction, before it writes
 * its customers (the chunks before it are committed) until {@link #release()}: the gate holds the call that stores
 * a chunk ({@link RunCustomers#store}, or {@link RunCustomers#append}). It wraps the store's {@link RunCustomers}
 * bean; add it to a context with {@link #initializer()} or as a static {@code @Bean}.
 */
public final class RunGate implements BeanPostProcessor {
    /** A held chunk gives up after this long, so that a test that fails before it releases does not hang its JVM. */
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(3);

    private final AtomicInteger chunksToHold = new AtomicInteger(-1);
    private volatile CountDownLatch arrived = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    /** A gate that lets every run through until {@link #holdAt} arms it. */
    public RunGate() {}

    /** A gate armed from the start: the {@code chunk}-th chunk written (from 1) waits. */
    public static RunGate holdingChunk(int chunk) {
        RunGate gate = new RunGate();
        gate.holdAt(chunk);
        return gate;
    }

    /** From now on, the {@code chunk}-th chunk written (from 1) in this context waits until {@link #release()}. */
    public void holdAt(int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunks count from 1");
        }
        arrived = new CountDownLatch(1);
        released = new CountDownLatch(1);
        chunksToHold.set(chunk);
    }

    /** Waits until a run is held at the gate; fails the test when none arrives in time. */
    public void awaitHeld(Duration timeout) {
        try {
            if (!arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no run reached the gate (RunCustomers.store) within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isHolding() {
        return arrived.getCount() == 0 && released.getCount() > 0;
    }

    /** Lets the held run go on; later chunks pass until the gate is armed again. */
    public void release() {
        released.countDown();
    }

    /** Adds the gate to a context that is not a Spring test's (serve mode started by {@link ServeFixtures}). */
    public ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
        return context -> context.getBeanFactory().addBeanPostProcessor(this);
    }

    /**
     * The gate in another JVM ({@link #acrossProcesses}): it writes {@code held} in its folder when a run is held,
     * and lets the run go once the test writes {@code release} there ({@link #releaseIn}).
     */
    public static final class AcrossProcesses implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static final String FOLDER = "segmentbatch.test.run-gate";
        static final String CHUNK = "segmentbatch.test.run-gate.chunk";

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String folder = context.getEnvironment().getProperty(FOLDER);
            if (folder == null) {
                return;
            }
            RunGate gate = holdingChunk(context.getEnvironment().getProperty(CHUNK, Integer.class, 1));
            context.getBeanFactory().addBeanPostProcessor(gate);
            Thread keeper = new Thread(
                    () -> {
                        gate.awaitHeld(LONGEST_HOLD);
                        try {
                            Files.writeString(Path.of(folder, "held"), "held");
                            Awaitility.await("the test releases the run")
                                    .atMost(LONGEST_HOLD)
                                    .pollInterval(Duration.ofMillis(20))
                                    .until(() -> Files.exists(Path.of(folder, "release")));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } finally {
                            gate.release();
                        }
                    },
                    "run-gate");
            keeper.setDaemon(true);
            keeper.start();
        }
    }

    /**
     * JVM options that put a gate holding the {@code chunk}-th chunk into a child JVM, signalling through {@code folder}
     * ({@link AcrossProcesses} is listed in the test classpath's {@code META-INF/spring.factories}; without these
     * options it does nothing).
     */
    public static List<String> acrossProcesses(Path folder, int chunk) {
        return List.of(
                "-D" + AcrossProcesses.FOLDER + "=" + folder.toAbsolutePath(),
                "-D" + AcrossProcesses.CHUNK + "=" + chunk);
    }

    /** Waits until the child JVM's run is held at its gate; fails the test when none is within the timeout. */
    public static void awaitHeldIn(
            Path folder, Duration timeout, BooleanSupplier childAlive, Supplier<String> console) {
        Awaitility.await("the other process's run is held at its gate")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!childAlive.getAsBoolean()) {
                        throw new AssertionError(
                                "the other process ended before its run reached the gate: " + console.get());
                    }
                    return Files.exists(folder.resolve("held"));
                });
    }

    /** Lets the child JVM's held run go on. */
    public static void releaseIn(Path folder) {
        try {
            Files.writeString(folder.resolve("release"), "release");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof RunCustomers)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            String method = invocation.getMethod().getName();
            if ((method.equals("store") || method.equals("append"))
                    && chunksToHold.get() > 0
                    && chunksToHold.decrementAndGet() == 0) {
                hold();
            }
            return invocation.proceed();
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }

    private void hold() throws InterruptedException {
        CountDownLatch release = released;
        arrived.countDown();
        if (!release.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the test never released the run held at its gate");
        }
    }
}
