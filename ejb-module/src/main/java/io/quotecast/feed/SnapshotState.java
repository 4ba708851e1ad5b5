package io.quotecast.feed;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicBoolean;

/** Whether the start-up snapshot is in the cache (or none is configured): part of readiness. */
@ApplicationScoped
public class SnapshotState {

    private final AtomicBoolean loaded = new AtomicBoolean();

    void markLoaded() {
        loaded.set(true);
    }

    public boolean loaded() {
        return loaded.get();
    }
}
