package io.quotecast.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every black-box test class shares: Arquillian deploys the built EAR (the file, as a user
 * would deploy it, not an archive assembled for the test) before the class and undeploys it
 * after, and each test starts once the server says it is ready.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedEar {

    @Deployment(testable = false, name = "quotecast", order = 1)
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, QuotecastServer.ear());
    }

    @BeforeEach
    void deployedAndReady() {
        Api.awaitReady();
    }
}
