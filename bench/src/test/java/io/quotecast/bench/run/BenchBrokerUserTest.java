package io.quotecast.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external feed's broker user goes into WildFly's application users once, in add-user.sh's format. */
class BenchBrokerUserTest {

    @Test
    void theUserIsAddedOnceWithItsDigestAndTheGuestRole(@TempDir Path configuration) throws IOException {
        Files.writeString(configuration.resolve("application-users.properties"), "#comment\nalice=0123");
        Files.writeString(configuration.resolve("application-roles.properties"), "#comment\n");

        BenchBrokerUser.ensureIn(configuration);
        BenchBrokerUser.ensureIn(configuration);

        List<String> users = Files.readAllLines(configuration.resolve("application-users.properties"));
        assertEquals(List.of("alice=0123", "quotecast-bench-feed=" + BenchBrokerUser.hash()),
                users.stream().filter(l -> l.contains("=")).toList(), "the existing user kept, ours once");
        assertEquals(1, Files.readAllLines(configuration.resolve("application-roles.properties")).stream()
                .filter(l -> l.equals("quotecast-bench-feed=guest")).count());
    }

    @Test
    void theDigestIsTheHexMd5OfNameRealmAndPassword() {
        // Computed apart from this code (Python's hashlib), as add-user.sh writes it.
        assertEquals("8ab0bcdf2fdc45da49c9af91c32ec6a4", BenchBrokerUser.hash());
    }
}
