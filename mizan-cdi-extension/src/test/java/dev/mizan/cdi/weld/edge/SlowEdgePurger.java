package dev.mizan.cdi.weld.edge;

import dev.mizan.spi.EdgePurger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A CDN that answers its first purge only when the test releases it; records each call's tags. */
@ApplicationScoped
public class SlowEdgePurger implements EdgePurger {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Set<String>> calls = new CopyOnWriteArrayList<>();

    public void release() {
        release.countDown();
    }

    /** @return the tags of each call so far */
    public List<Set<String>> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void purge(Set<String> tags) throws InterruptedException {
        calls.add(tags);
        release.await(10, TimeUnit.SECONDS);
    }
}
