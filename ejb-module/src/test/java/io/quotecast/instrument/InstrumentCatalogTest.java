package io.quotecast.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstrumentCatalogTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearCatalogFileSetting() {
        System.clearProperty(InstrumentCatalog.FILE_SETTING);
    }

    private static InstrumentCatalog loaded() {
        InstrumentCatalog catalog = new InstrumentCatalog();
        catalog.load();
        return catalog;
    }

    @Test
    void bundledCatalogHoldsFiftyToOneHundredValidUniqueSymbols() {
        System.clearProperty(InstrumentCatalog.FILE_SETTING);

        InstrumentCatalog catalog = loaded();

        List<String> symbols = catalog.symbols();
        assertTrue(symbols.size() >= 50 && symbols.size() <= 100, "size " + symbols.size());
        assertEquals(symbols.size(), new HashSet<>(symbols).size(), "symbols are unique");
        for (Instrument instrument : catalog.instruments()) {
            assertTrue(Symbols.isValid(instrument.symbol()), instrument.symbol());
            assertFalse(instrument.exchange().isEmpty(), instrument.symbol());
            assertFalse(instrument.name().isEmpty(), instrument.symbol());
            assertTrue(instrument.previousClose().signum() > 0, instrument.symbol());
        }
    }

    @Test
    void bundledCatalogKeepsFileOrderAndFindsBySymbol() {
        InstrumentCatalog catalog = loaded();

        assertEquals("AAPL", catalog.symbols().get(0));
        assertEquals(catalog.symbols(), catalog.instruments().stream().map(Instrument::symbol).toList());
        assertTrue(catalog.contains("BRK.B"));
        assertEquals(new BigDecimal("229.87"), catalog.find("AAPL").orElseThrow().previousClose());
    }

    @Test
    void loadsTheFileNamedByTheCatalogFileSettingInsteadOfTheBundledOne() throws IOException {
        Path file = dir.resolve("mine.csv");
        Files.writeString(file, "# mine\nZZZ,XTST,Test Corp,12.50\nYYY.A,XTST,Other Corp,1\n", StandardCharsets.UTF_8);
        System.setProperty(InstrumentCatalog.FILE_SETTING, file.toString());

        InstrumentCatalog catalog = loaded();

        assertEquals(List.of("ZZZ", "YYY.A"), catalog.symbols());
        assertFalse(catalog.contains("AAPL"));
        assertEquals(new Instrument("ZZZ", "XTST", "Test Corp", new BigDecimal("12.50")), catalog.find("ZZZ").orElseThrow());
    }

    @Test
    void badLineInTheConfiguredFileStopsTheLoadNamingFileAndLine() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "ZZZ,XTST,Test Corp,12.50\nYYY,XTST,Other Corp\n", StandardCharsets.UTF_8);
        System.setProperty(InstrumentCatalog.FILE_SETTING, file.toString());

        String message = assertThrows(IllegalArgumentException.class, InstrumentCatalogTest::loaded).getMessage();

        assertTrue(message.contains(file + " line 2"), message);
    }

    @Test
    void missingConfiguredFileStopsTheLoad() {
        System.setProperty(InstrumentCatalog.FILE_SETTING, dir.resolve("absent.csv").toString());

        assertThrows(UncheckedIOException.class, InstrumentCatalogTest::loaded);
    }

    @Test
    void findAndContainsAnswerNoForUnknownAndNullSymbols() {
        InstrumentCatalog catalog = new InstrumentCatalog(List.of(
                new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("229.87"))));

        assertEquals(Optional.empty(), catalog.find("MSFT"));
        assertEquals(Optional.empty(), catalog.find(null));
        assertFalse(catalog.contains("MSFT"));
        assertFalse(catalog.contains(null));
        assertTrue(catalog.contains("AAPL"));
    }

    @Test
    void symbolsCannotBeModifiedByCallers() {
        InstrumentCatalog catalog = loaded();

        assertThrows(UnsupportedOperationException.class, () -> catalog.symbols().clear());
        assertThrows(UnsupportedOperationException.class, () -> catalog.instruments().clear());
    }
}
