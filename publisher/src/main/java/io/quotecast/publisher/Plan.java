package io.quotecast.publisher;

import java.util.Optional;

/** What to send and when: a random walk at a fixed rate, or a replayed file. Not thread-safe. */
public interface Plan {

    /** The next price to send, in due order; empty when the plan is over. */
    Optional<Planned> next();
}
