package io.quotecast.security;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quotecast.instrument.Instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntitlementsTest {

    private static final Instrument AAPL = new Instrument("AAPL", "XNAS", "Apple Inc.", BigDecimal.TEN);
    private static final Instrument IBM = new Instrument("IBM", "XNYS", "IBM", BigDecimal.TEN);
    private static final Instrument BRK = new Instrument("BRK.B", "XNYS", "Berkshire", BigDecimal.TEN);

    private final Entitlements entitlements = Entitlements.of("""
            everything = *
            nasdaq = exchange:XNAS
            berkshire = BRK.B
            """);

    @Test
    void aCallerReceivesTheUnionOfTheirGroups() {
        Entitlement both = entitlements.of(Optional.of(new Caller("c", Set.of("nasdaq", "berkshire", "unlisted"))));

        assertTrue(both.permits(AAPL));
        assertTrue(both.permits(BRK));
        assertFalse(both.permits(IBM));
    }

    @Test
    void starGrantsEverything() {
        assertEquals(Entitlement.ALL, entitlements.of(Optional.of(new Caller("c", Set.of("nasdaq", "everything")))));
    }

    @Test
    void withAFileNoListedGroupOrNoCallerMeansNothing() {
        Entitlement none = entitlements.of(Optional.of(new Caller("c", Set.of("quotecast-user"))));
        assertFalse(none.permits(AAPL));
        assertEquals(Entitlement.NOTHING, entitlements.of(Optional.empty()));
    }

    @Test
    void withoutAFileEveryoneReceivesEverything() {
        assertEquals(Entitlement.ALL, Entitlements.everyone().of(Optional.empty()));
        assertEquals(Entitlement.ALL, Entitlements.everyone().of(Optional.of(new Caller("c", Set.of()))));
    }

    @Test
    void aGrantThatIsNeitherStarExchangeNorSymbolStopsTheDeployment() {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
                () -> Entitlements.of("desk = exchange:, aapl"));
        assertTrue(problem.getMessage().contains("'desk'"), problem::getMessage);
    }
}
