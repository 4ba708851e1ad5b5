package io.quotecast.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command the tests ran to its end (the publisher, keytool): its exit status and all it printed. */
record FinishedProcess(int exitCode, String output) {

    /** Runs {@code command}, its output to {@code log}; one that has not ended within {@code bound} fails the test. */
    static FinishedProcess run(Path log, List<String> command, Duration bound) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within " + bound + "; it said:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new FinishedProcess(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
