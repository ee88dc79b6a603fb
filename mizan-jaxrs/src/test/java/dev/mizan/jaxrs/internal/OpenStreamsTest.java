package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/how-to/live-updates.md: a client that stops reading must not hold the others up, and an undeployed
 * node drops what still arrives. The sinks here stand for a runtime's: a send completes when the client took
 * the event; for a client that stopped reading, RESTEasy (WildFly, Open Liberty) queues the send and never
 * completes it, and Jersey (Payara) blocks the sending thread.
 */
class OpenStreamsTest {

    private static final OutboundSseEvent HEARTBEAT = event("heartbeat");
    private final AtomicInteger counted = new AtomicInteger();
    private final OpenStreams streams = new OpenStreams(Duration.ofHours(1), () -> HEARTBEAT, counted::addAndGet);

    @AfterEach
    void stop() {
        streams.stop();
    }

    @Test
    void aClientThatStoppedReadingIsClosedAndTheOthersStillHearEveryEvent() throws Exception {
        Sink stalled = new Sink(false);
        Sink reading = new Sink(true);
        assertThat(streams.open(stalled, Set.of("stock"), event("first"), 10, null)).isTrue();
        assertThat(streams.open(reading, Set.of("stock"), event("first"), 10, null)).isTrue();
        int events = OpenStreams.MAX_UNSENT + 50;
        for (int i = 0; i < events; i++) {
            streams.send(event("e" + i), "stock");
        }
        await(() -> reading.sent.size() == events + 1);
        await(stalled::isClosed);
        // handed sends it never finished, up to the limit; those still queued when it was closed were dropped
        assertThat(stalled.sent).hasSize(1 + OpenStreams.MAX_UNSENT); // the first, then the unfinished ones
        int taken = stalled.sent.size();
        await(() -> streams.size() == 1);
        assertThat(counted.get()).isEqualTo(1);
        streams.send(event("after"), "stock");
        await(() -> reading.sent.size() == events + 2);
        assertThat(stalled.sent).hasSize(taken);
    }

    @Test
    void noEventIsHandedToTheSinkBeforeItsFirstSendHasCompletedThenAllInOrder() throws Exception {
        // RESTEasy strands an event sent just as the flush of its first one ends (docs/how-to/live-updates.md)
        CompletableFuture<Void> firstDone = new CompletableFuture<>();
        Sink slowStart = new Sink(true) {
            @Override
            public CompletionStage<?> send(OutboundSseEvent event) {
                CompletionStage<?> done = super.send(event);
                return sent.size() == 1 ? firstDone : done;
            }
        };
        assertThat(streams.open(slowStart, Set.of("stock"), event("first"), 10, () -> List.of(event("replayed")))).isTrue();
        streams.send(event("live"), "stock");
        Sink marker = new Sink(true);
        streams.open(marker, Set.of("stock"), event("first"), 10, null);
        streams.send(event("after"), "stock");
        // one writer thread, in order: once the marker has "after", every event was offered to slowStart
        await(() -> marker.sent.stream().anyMatch(e -> e.getName().equals("after")));
        Thread.sleep(100);
        assertThat(slowStart.sent).extracting(OutboundSseEvent::getName).containsExactly("first");
        firstDone.complete(null);
        await(() -> slowStart.sent.size() == 4);
        assertThat(slowStart.sent).extracting(OutboundSseEvent::getName).containsExactly("first", "replayed", "live", "after");
    }

    @Test
    void aSendThatBlocksItsThreadAsJerseysDoesHoldUpNoOtherStream() throws Exception {
        // Jersey (Payara) writes on the sending thread, which waits while the client reads nothing
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        Sink blocking = new Sink(true) {
            @Override
            public CompletionStage<?> send(OutboundSseEvent event) {
                CompletionStage<?> done = super.send(event);
                if (sent.size() > 1) {
                    try {
                        stuck.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return done;
            }
        };
        Sink reading = new Sink(true);
        streams.open(blocking, Set.of("stock"), event("first"), 10, null);
        streams.open(reading, Set.of("stock"), event("first"), 10, null);
        int events = OpenStreams.MAX_UNSENT + 50;
        for (int i = 0; i < events; i++) {
            streams.send(event("e" + i), "stock");
        }
        await(() -> reading.sent.size() == events + 1); // within 5 s, while the other's sender waits 10 s
        // once its send has blocked for STUCK_SEND, the events waiting behind it count against it
        Thread.sleep(OpenStreams.STUCK_SEND.toMillis() + 100);
        streams.send(event("after"), "stock");
        await(() -> streams.size() == 1);
        assertThat(blocking.isClosed()).isTrue();
        await(() -> reading.sent.size() == events + 2);
        assertThat(reading.isClosed()).isFalse();
        stuck.countDown();
    }

    @Test
    void aBurstBeyondTheLimitReachesAClientThatReadsThoughItsSenderLagsBehind() throws Exception {
        // the sender takes a moment for the first event of the burst (a busy machine), and the whole burst queues meanwhile
        java.util.concurrent.CountDownLatch burstQueued = new java.util.concurrent.CountDownLatch(1);
        Sink lagging = lagging(burstQueued);
        Sink marker = new Sink(true);
        streams.open(lagging, Set.of("stock"), event("first"), 10, null);
        streams.open(marker, Set.of("marker"), event("first"), 10, null);
        int events = OpenStreams.MAX_UNSENT + 50;
        for (int i = 0; i < events; i++) {
            streams.send(event("e" + i), "stock");
        }
        streams.send(event("queued"), "marker"); // one writer thread, in order: the burst is queued once this arrives
        await(() -> marker.sent.size() == 2);
        burstQueued.countDown();
        await(() -> lagging.sent.size() == events + 1);
        assertThat(lagging.isClosed()).isFalse();
        assertThat(streams.size()).isEqualTo(2);
    }

    @Test
    void aStreamWithMoreEventsWaitingThanItsQueueHoldsIsClosedWhateverTheCause() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Sink lagging = lagging(release);
        streams.open(lagging, Set.of("stock"), event("first"), 10, null);
        for (int i = 0; i < OpenStreams.MAX_QUEUED + 10; i++) {
            streams.send(event("e" + i), "stock");
        }
        await(lagging::isClosed);
        release.countDown();
        await(() -> streams.size() == 0);
        assertThat(counted.get()).isZero();
        assertThat(lagging.sent.size()).as("the first event, then at most the one in progress and what was polled with it").isLessThan(OpenStreams.MAX_QUEUED);
    }

    @Test
    void aStreamWhoseCloseWaitsStillCountsAgainstTheLimitUntilTheCloseReturns() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        Sink hanging = new Sink(false) {
            @Override
            public void close() {
                closing.set(true);
                try {
                    release.await(10, TimeUnit.SECONDS); // RESTEasy's close waits for what the client never reads
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.close();
            }
        };
        assertThat(streams.open(hanging, Set.of("stock"), event("first"), 1, null)).isTrue();
        for (int i = 0; i < OpenStreams.MAX_UNSENT + 1; i++) {
            streams.send(event("e" + i), "stock");
        }
        await(closing::get);
        assertThat(streams.open(new Sink(true), Set.of(), event("first"), 1, null)).as("a place still held by a closing stream").isFalse();
        release.countDown();
        await(() -> streams.size() == 0);
        assertThat(counted.get()).isZero();
        assertThat(streams.open(new Sink(true), Set.of(), event("first"), 1, null)).isTrue();
    }

    @Test
    void closesThatWaitForStalledClientsHoldNoOtherStreamsPlace() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger closing = new AtomicInteger();
        for (int i = 0; i < 6; i++) { // more than there are threads to close them
            Sink stalled = new Sink(false) {
                @Override
                public void close() {
                    closing.incrementAndGet();
                    try {
                        release.await(20, TimeUnit.SECONDS); // RESTEasy's close waits for what the client never reads
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.close();
                }
            };
            assertThat(streams.open(stalled, Set.of("stock"), event("first"), 10, null)).isTrue();
        }
        Sink left = new Sink(true);
        Sink broken = new Sink(true) {
            @Override
            public CompletionStage<?> send(OutboundSseEvent event) {
                super.send(event);
                return sent.size() == 1 ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(new java.io.IOException("connection reset")); // the runtime has not closed it
            }
        };
        assertThat(streams.open(left, Set.of("orders"), event("first"), 10, null)).isTrue();
        assertThat(streams.open(broken, Set.of("orders"), event("first"), 10, null)).isTrue();
        for (int i = 0; i < OpenStreams.MAX_UNSENT + 1; i++) {
            streams.send(event("e" + i), "stock");
        }
        await(() -> closing.get() >= 4);
        left.close(); // the client left
        streams.send(event("order changed"), "orders"); // fails on the broken connection; finds the other closed
        await(() -> streams.size() == 6);
        assertThat(broken.isClosed()).isTrue();
        assertThat(counted.get()).isEqualTo(6);
        release.countDown();
        await(() -> streams.size() == 0);
    }

    @Test
    void anUndeployLeavesNoThreadInACloseThatSwallowedItsInterrupt() throws Exception {
        List<Thread> closers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            streams.open(new Sink(true) {
                @Override
                public void close() {
                    closers.add(Thread.currentThread());
                    // RESTEasy's close: waits for the response to complete; an interrupt ends the wait and is swallowed
                    try {
                        Thread.sleep(20_000);
                    } catch (InterruptedException swallowed) {
                        // as RESTEasy does
                    }
                    super.close();
                }
            }, Set.of(), event("first"), 10, null);
        }
        streams.stop();
        await(() -> !closers.isEmpty());
        Thread writer = closers.get(0);
        writer.join(5000);
        assertThat(writer.isAlive()).as("the writer thread still closing sinks after the undeploy").isFalse();
        assertThat(closers).hasSize(1);
        assertThat(streams.size()).isZero();
    }

    @Test
    void eventsReachOnlyTheStreamsThatMayReadTheirContext() throws Exception {
        Sink stock = new Sink(true);
        Sink orders = new Sink(true);
        streams.open(stock, Set.of("stock"), event("first"), 10, null);
        streams.open(orders, Set.of("orders"), event("first"), 10, null);
        OutboundSseEvent e = event("stock changed");
        streams.send(e, "stock");
        OutboundSseEvent all = event("resync");
        streams.sendAll(all);
        await(() -> orders.sent.size() == 2 && stock.sent.size() == 3);
        assertThat(stock.sent.subList(1, 3)).containsExactly(e, all);
        assertThat(orders.sent.get(1)).isEqualTo(all);
    }

    @Test
    void theLimitRefusesAStreamAndAClosedOneFreesItsPlace() throws Exception {
        Sink first = new Sink(true);
        assertThat(streams.open(first, Set.of(), event("first"), 1, null)).isTrue();
        assertThat(streams.open(new Sink(true), Set.of(), event("first"), 1, null)).isFalse();
        first.close(); // the client left
        streams.sendAll(event("resync"));
        await(() -> streams.size() == 0);
        assertThat(streams.open(new Sink(true), Set.of(), event("first"), 1, null)).isTrue();
    }

    @Test
    void afterUndeployEventsAreDroppedAndNoStreamOpens() {
        Sink sink = new Sink(true);
        streams.open(sink, Set.of("stock"), event("first"), 10, null);
        streams.stop();
        assertThat(sink.isClosed()).isTrue();
        streams.send(event("late"), "stock"); // another node's purge, arriving after @PreDestroy: no exception
        streams.sendAll(event("late"));
        Sink late = new Sink(true);
        assertThat(streams.open(late, Set.of("stock"), event("first"), 10, null)).isFalse();
        assertThat(late.sent).isEmpty();
        assertThat(streams.size()).isZero();
    }

    /** A client that reads, but whose second send waits for {@code go} (at most 10 s): a sender that lags behind. */
    private static Sink lagging(java.util.concurrent.CountDownLatch go) {
        return new Sink(true) {
            @Override
            public CompletionStage<?> send(OutboundSseEvent event) {
                if (sent.size() == 1) {
                    try {
                        go.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.send(event);
            }
        };
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static OutboundSseEvent event(String name) {
        return (OutboundSseEvent) Proxy.newProxyInstance(OpenStreamsTest.class.getClassLoader(),
                new Class<?>[] {OutboundSseEvent.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "toString", "getName" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A client: one that reads completes each send at once; one that stopped reading, none after its first. */
    private static class Sink implements SseEventSink {
        private final boolean reading;
        protected final List<OutboundSseEvent> sent = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        Sink(boolean reading) {
            this.reading = reading;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        /** The first send completes even for a client that stopped reading: the opening comment fits the socket's buffers. */
        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            sent.add(event);
            return reading || sent.size() == 1 ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
