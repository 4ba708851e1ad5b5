package io.quotecast.security;

/**
 * The roles web.xml declares. Identity stores grant them as groups of the same name
 * (glassfish-web.xml maps them one to one on Payara; WildFly takes groups as roles).
 */
public final class Roles {

    /** May open the page, the WebSocket, the fallbacks and the quotes API. */
    public static final String USER = "quotecast-user";
    /** May also read /api/stats and /api/metrics. */
    public static final String OPERATOR = "quotecast-operator";

    private Roles() {
    }
}
