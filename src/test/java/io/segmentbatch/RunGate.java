package io.segmentbatch;

import io.segmentbatch.store.RunCustomers;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds a run in the middle of its {@code evaluate} step until the test lets it go: a test's way to have a run that
 * is certainly still going (a schedule's next tick, a second launch, a shutdown) without a large input or a timing.
 * <p>
 * Once {@link #holdAt armed}, the n-th chunk written after that waits, inside its transaction, before it writes
 * its customers (the chunks before it are committed) until {@link #release()}. It wraps the store's
 * {@link RunCustomers} bean; add it to a context with {@link #initializer()} or as a static {@code @Bean}.
 */
public final class RunGate implements BeanPostProcessor {
    /** A held chunk gives up after this long, so that a test that fails before it releases does not hang its JVM. */
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(3);

    private final AtomicInteger chunksToHold = new AtomicInteger(-1);
    private volatile CountDownLatch arrived = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    /** A gate that lets every run through until {@link #holdAt} arms it. */
    public RunGate() {
    }

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
                throw new AssertionError("no run reached the gate (RunCustomers.append) within " + timeout);
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

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof RunCustomers)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            if (invocation.getMethod().getName().equals("append") && chunksToHold.get() > 0
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
