package io.quotecast.push;

import org.glassfish.tyrus.core.ComponentProvider;

/**
 * Builds {@link QuotesEndpoint} instances for Tyrus's embedded server, which has no CDI, from the
 * beans of the running {@link EmbeddedQuotecast}. Registered in
 * {@code META-INF/services/org.glassfish.tyrus.core.ComponentProvider}: Tyrus's
 * {@code ComponentProviderService.create()} asks the providers it finds there first, in order,
 * and falls back to its {@code DefaultComponentProvider} (plain no-argument constructor, which
 * would leave the endpoint's {@code @Inject} fields null). The first applicable provider that
 * returns an instance wins, so this one only claims {@link QuotesEndpoint} and leaves decoders,
 * encoders and client endpoints to the default.
 */
public class FixtureEndpointProvider extends ComponentProvider {

    @Override
    public boolean isApplicable(Class<?> c) {
        return c == QuotesEndpoint.class;
    }

    @Override
    public <T> Object create(Class<T> c) {
        EmbeddedQuotecast fixture = EmbeddedQuotecast.running();
        return new QuotesEndpoint(fixture.sessions, fixture.requests);
    }

    @Override
    public boolean destroy(Object o) {
        // Nothing to release: the endpoint holds no state of its own.
        return o instanceof QuotesEndpoint;
    }
}
