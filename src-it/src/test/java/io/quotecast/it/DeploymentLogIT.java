package io.quotecast.it;

import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a platform team sees in the server's log when it deploys the EAR: no warning and no error,
 * from the deployment's start until the application serves prices that came through the price
 * topic, except those the README lists as expected ("What each server needs"). The test
 * deploys the EAR itself, so that it knows where in the log the deployment starts.
 */
@ExtendWith(ArquillianExtension.class)
public class DeploymentLogIT {

    private static final String NAME = "quotecast";

    /** Documented in the README and docs/tuning.md, each with its reason; matched against the whole record. */
    private static final List<String> EXPECTED = List.of(
            // The engine writes whole frames through XNIO (docs/tuning.md).
            "WFLYSRV0018: Deployment \"deployment.quotecast.ear.quotecast-web.war\" is using a private module (\"org.jboss.xnio\")");

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = NAME, managed = false, testable = false)
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, QuotecastServer.ear());
    }

    @Test
    void deployingTheEarLogsNoWarningBeyondTheDocumentedOnes() {
        ServerLog log = ServerLog.ofServerUnderTest();
        long start = log.end();
        deployer.deploy(NAME);
        try {
            Api.awaitReady();
            long accepted = feedAccepted();
            // A price accepted after readiness came through the topic, so the MDB's activation is done.
            Await.until("a price from the topic to be accepted", Duration.ofSeconds(30), () -> feedAccepted() > accepted);

            List<String> unexpected = log.warningsSince(start).stream()
                    .filter(record -> EXPECTED.stream().noneMatch(record::contains))
                    .toList();

            assertEquals(List.of(), unexpected, () -> "warnings and errors in " + QuotecastServer.name()
                    + "'s log while the EAR was deployed and started, beyond the documented ones");
        } finally {
            deployer.undeploy(NAME);
        }
    }

    private static long feedAccepted() {
        return Api.stats().getJsonNumber("feedAccepted").longValue();
    }
}
