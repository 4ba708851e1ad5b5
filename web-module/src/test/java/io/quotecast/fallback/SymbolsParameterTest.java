package io.quotecast.fallback;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.protocol.ErrorCode;
import io.quotecast.protocol.ErrorMessage;
import io.quotecast.security.Entitlement;
import io.quotecast.security.SecurityStats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SymbolsParameterTest {

    private final InstrumentCatalog catalog = new InstrumentCatalog(List.of(
            new Instrument("AAPL", "XNAS", "Apple Inc.", BigDecimal.TEN),
            new Instrument("BRK.B", "XNYS", "Berkshire Hathaway Inc. Class B", BigDecimal.TEN)));
    private final SecurityStats securityStats = new SecurityStats();
    private final SymbolsParameter parameter = new SymbolsParameter(catalog, 3, Entitlement.ALL, securityStats);

    @Test
    void commaSeparatedSymbolsInRequestOrderWithoutDuplicates() {
        assertEquals(List.of("BRK.B", "AAPL"), parameter.symbols("BRK.B, AAPL,BRK.B"));
    }

    @Test
    void missingOrEmptyIsAnInvalidMessage() {
        assertRefused(ErrorCode.INVALID_MESSAGE, null, () -> parameter.symbols(null));
        assertRefused(ErrorCode.INVALID_MESSAGE, null, () -> parameter.symbols(" "));
    }

    @Test
    void badSyntaxIsRefusedListingTheSymbols() {
        assertRefused(ErrorCode.INVALID_SYMBOL, List.of("aapl", ""), () -> parameter.symbols("aapl,AAPL,"));
    }

    @Test
    void symbolsOutsideTheCatalogAreRefusedListingThem() {
        assertRefused(ErrorCode.UNKNOWN_SYMBOL, List.of("NOPE"), () -> parameter.symbols("AAPL,NOPE"));
    }

    @Test
    void moreThanTheLimitIsRefusedBeforeAnythingElseIsLookedUp() {
        assertRefused(ErrorCode.TOO_MANY_SUBSCRIPTIONS, null, () -> parameter.symbols("A,B,C,D"));
        String huge = IntStream.range(0, 10_000).mapToObj(i -> "S" + i).collect(Collectors.joining(","));
        assertRefused(ErrorCode.TOO_MANY_SUBSCRIPTIONS, null, () -> parameter.symbols(huge));
    }

    @Test
    void symbolsTheCallerIsNotEntitledToAreForbiddenListingThemAndCounted() {
        SymbolsParameter nasdaqOnly = new SymbolsParameter(catalog, 3,
                new Entitlement(false, Set.of(), Set.of("XNAS")), securityStats);

        assertEquals(List.of("AAPL"), nasdaqOnly.symbols("AAPL"));
        RefusedRequest refused = assertThrows(RefusedRequest.class, () -> nasdaqOnly.symbols("AAPL,BRK.B"));
        assertEquals(ErrorCode.FORBIDDEN, refused.error().code());
        assertEquals(List.of("BRK.B"), refused.error().symbols());
        assertEquals(403, refused.status().getStatusCode());
        assertEquals(1, securityStats.forbiddenSymbolsCount());
    }

    @Test
    void sinceIsACursorOrAbsent() {
        assertEquals(Optional.empty(), SymbolsParameter.since(null));
        assertEquals(Optional.of(new Cursor("e1", 7)), SymbolsParameter.since("e1-7"));
        assertRefused(ErrorCode.INVALID_MESSAGE, null, () -> SymbolsParameter.since("yesterday"));
    }

    private static void assertRefused(ErrorCode code, List<String> symbols, Executable call) {
        ErrorMessage error = assertThrows(RefusedRequest.class, call).error();
        assertEquals(code, error.code());
        assertEquals(symbols, error.symbols());
    }
}
