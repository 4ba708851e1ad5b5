package io.quotecast.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Read-only HTTP API under /quotecast/api. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
