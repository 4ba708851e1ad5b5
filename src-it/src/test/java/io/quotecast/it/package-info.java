/*
 * Dependencies these tests need on the test classpath of each server module (src-it/wildfly,
 * src-it/payara). Versions are managed in the parent pom (junit-bom and arquillian-bom imported,
 * Tyrus, Parsson and the Jakarta EE API listed), so none is repeated here:
 *
 *   <dependency>                          <!-- JUnit 5 -->
 *       <groupId>org.junit.jupiter</groupId>
 *       <artifactId>junit-jupiter</artifactId>
 *       <scope>test</scope>
 *   </dependency>
 *   <dependency>                          <!-- Arquillian for JUnit 5; brings shrinkwrap-api and -impl-base -->
 *       <groupId>org.jboss.arquillian.junit5</groupId>
 *       <artifactId>arquillian-junit5-container</artifactId>
 *       <scope>test</scope>
 *   </dependency>
 *   <dependency>                          <!-- WebSocket client -->
 *       <groupId>org.glassfish.tyrus</groupId>
 *       <artifactId>tyrus-client</artifactId>
 *       <scope>test</scope>
 *   </dependency>
 *   <dependency>                          <!-- its transport -->
 *       <groupId>org.glassfish.tyrus</groupId>
 *       <artifactId>tyrus-container-grizzly-client</artifactId>
 *       <scope>test</scope>
 *   </dependency>
 *   <dependency>                          <!-- JSON-P implementation for reading frames and bodies -->
 *       <groupId>org.eclipse.parsson</groupId>
 *       <artifactId>parsson</artifactId>
 *       <scope>test</scope>
 *   </dependency>
 *   <dependency>                          <!-- Servlet, JMS and CDI APIs for the feed probe WAR the tests deploy;
 *                                              also supplies jakarta.json-api and jakarta.websocket-client-api -->
 *       <groupId>jakarta.platform</groupId>
 *       <artifactId>jakarta.jakartaee-api</artifactId>
 *       <scope>provided</scope>
 *   </dependency>
 *
 * plus the module's own container adapter (wildfly-arquillian-container-managed or
 * arquillian-payara-server-managed). JSON-B (Yasson) is not needed: the tests read JSON with
 * JSON-P only, which keeps every number exactly as the server wrote it.
 *
 * System properties the tests read (Failsafe systemPropertyVariables):
 *   quotecast.ear          absolute path of ear/target/quotecast.ear
 *   quotecast.it.server    wildfly | payara (used in failure messages)
 *   quotecast.it.baseUrl   the application's root, e.g. http://127.0.0.1:8180/quotecast
 *
 * The tests deploy a second archive, feed-probe.war (context root /feed-probe), on the same
 * server; it publishes to the JMS topic "quotecastPrices" by physical name, so the server needs
 * its full profile (WildFly standalone-full, Payara's default domain).
 */

/**
 * Black-box integration tests: the real EAR on a real server, driven through a real WebSocket
 * client and plain HTTP, exactly as users and feeds reach it.
 */
package io.quotecast.it;
