package dev.mizan.cache.jedis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The threads that read a Cluster pipeline's replies: Jedis waits for every task it hands them, so a task
 * must run even when none is free or the backend was closed meanwhile (an undeploy during a read).
 */
class PipelineWorkersTest {

    @Test
    void aTaskHandedOverAfterCloseRunsOnTheCallersThread() {
        ExecutorService workers = RedisCacheBackend.pipelineWorkers(2);
        workers.shutdownNow();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        workers.execute(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void withEveryWorkerBusyTheCallerReadsItself() throws Exception {
        ExecutorService workers = RedisCacheBackend.pipelineWorkers(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try {
            workers.execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            workers.execute(() -> ranOn.set(Thread.currentThread()));
            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        } finally {
            release.countDown();
            workers.shutdownNow();
        }
    }
}
