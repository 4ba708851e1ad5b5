package io.quotecast.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * {@link StatsResource.Stats} in Prometheus' text exposition format (version 0.0.4), so that a
 * platform's Prometheus can scrape a node without an agent or a library: every field of
 * /api/stats is a metric here, counters named {@code _total}, the maps as one labelled series
 * per key, durations in seconds. The names are an interface: change them only with the README.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private enum Type { GAUGE, COUNTER }

    /** One metric taken from one field of the stats; {@code field} names it, for the test that all are here. */
    private record Metric(String field, String name, Type type, String help, ToDoubleFunction<StatsResource.Stats> value) {
    }

    /** One metric per key of a map field, the key as the label {@code label}. */
    private record Labelled(String field, String name, String label, String help,
                            Function<StatsResource.Stats, Map<String, Long>> values) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("openSessions", "quotecast_open_sessions", Type.GAUGE, "WebSocket sessions open now.", StatsResource.Stats::openSessions),
            new Metric("openStreams", "quotecast_open_streams", Type.GAUGE, "Server-Sent Events streams open now.", StatsResource.Stats::openStreams),
            new Metric("heldPolls", "quotecast_held_polls", Type.GAUGE, "Long polls held open now.", StatsResource.Stats::heldPolls),
            new Metric("sessionsOpened", "quotecast_sessions_opened_total", Type.COUNTER, "WebSocket sessions opened.", StatsResource.Stats::sessionsOpened),
            new Metric("sessionsClosed", "quotecast_sessions_closed_total", Type.COUNTER, "WebSocket sessions closed, however they ended.", StatsResource.Stats::sessionsClosed),
            new Metric("subscriptions", "quotecast_subscriptions", Type.GAUGE, "Session and symbol pairs subscribed now.", StatsResource.Stats::subscriptions),
            new Metric("updatesReceived", "quotecast_updates_received_total", Type.COUNTER, "Quote updates handed to the push side.", StatsResource.Stats::updatesReceived),
            new Metric("updatesConflated", "quotecast_updates_conflated_total", Type.COUNTER, "Updates replaced by a newer one of their symbol before the fan-out reached them: the node is behind its feed.", StatsResource.Stats::updatesConflated),
            new Metric("messagesPushed", "quotecast_messages_pushed_total", Type.COUNTER, "Frames written to WebSocket clients.", StatsResource.Stats::messagesPushed),
            new Metric("containerApiSessions", "quotecast_container_api_sessions_total", Type.COUNTER, "Sessions opened that write through the container's own API (WildFly).", StatsResource.Stats::containerApiSessions),
            new Metric("directFrames", "quotecast_direct_frames_total", Type.COUNTER, "Frames written straight to the socket as whole frames (WildFly).", StatsResource.Stats::directFrames),
            new Metric("directFramesPartial", "quotecast_direct_frames_partial_total", Type.COUNTER, "Direct frames the socket took only in part: clients' sockets are full.", StatsResource.Stats::directFramesPartial),
            new Metric("quotesConflated", "quotecast_quotes_conflated_total", Type.COUNTER, "Quotes replaced by a newer one while a client's write was in flight.", StatsResource.Stats::quotesConflated),
            new Metric("sendFailures", "quotecast_send_failures_total", Type.COUNTER, "Writes that failed or passed the send timeout (the session is closed with 1011).", StatsResource.Stats::sendFailures),
            new Metric("overflowCloses", "quotecast_overflow_closes_total", Type.COUNTER, "Sessions closed because replies piled up behind a slow client.", StatsResource.Stats::overflowCloses),
            new Metric("errorsSent", "quotecast_errors_sent_total", Type.COUNTER, "Error frames sent to clients.", StatsResource.Stats::errorsSent),
            new Metric("rateLimited", "quotecast_rate_limited_total", Type.COUNTER, "Client messages over the inbound rate, ignored.", StatsResource.Stats::rateLimited),
            new Metric("floodCloses", "quotecast_flood_closes_total", Type.COUNTER, "Sessions closed for flooding.", StatsResource.Stats::floodCloses),
            new Metric("oversizedCloses", "quotecast_oversized_closes_total", Type.COUNTER, "Sessions closed for a message over the size limit.", StatsResource.Stats::oversizedCloses),
            new Metric("heartbeatCloses", "quotecast_heartbeat_closes_total", Type.COUNTER, "Sessions closed as dead peers by the heartbeat.", StatsResource.Stats::heartbeatCloses),
            new Metric("hearingLagMillis", "quotecast_hearing_lag_seconds", Type.GAUGE, "How late, at the last heartbeat, the node heard its clients' pongs: 0 on a healthy node.", s -> s.hearingLagMillis() / 1000.0),
            new Metric("stuckCloses", "quotecast_stuck_closes_total", Type.COUNTER, "Sessions closed because a write waited too long.", StatsResource.Stats::stuckCloses),
            new Metric("originRejected", "quotecast_origin_rejected_total", Type.COUNTER, "Handshakes refused for their Origin (HTTP 403).", StatsResource.Stats::originRejected),
            new Metric("addressFull", "quotecast_address_full_total", Type.COUNTER, "Handshakes refused: too many sessions from one address (HTTP 429).", StatsResource.Stats::addressFull),
            new Metric("serverFull", "quotecast_server_full_total", Type.COUNTER, "Handshakes refused: the node holds its most sessions (HTTP 503).", StatsResource.Stats::serverFull),
            new Metric("drainingRefused", "quotecast_draining_refused_total", Type.COUNTER, "New sessions refused: the node is draining (HTTP 503).", StatsResource.Stats::drainingRefused),
            new Metric("unauthenticated", "quotecast_unauthenticated_total", Type.COUNTER, "Requests refused for missing credentials (HTTP 401).", StatsResource.Stats::unauthenticated),
            new Metric("badCredentials", "quotecast_bad_credentials_total", Type.COUNTER, "Requests refused for wrong credentials (HTTP 401).", StatsResource.Stats::badCredentials),
            new Metric("loginThrottled", "quotecast_login_throttled_total", Type.COUNTER, "Requests refused unchecked: their address sent too many wrong credentials (HTTP 429).", StatsResource.Stats::loginThrottled),
            new Metric("forbiddenSymbols", "quotecast_forbidden_symbols_total", Type.COUNTER, "Symbols refused for want of entitlement, on any transport.", StatsResource.Stats::forbiddenSymbols),
            new Metric("feedReceived", "quotecast_feed_received_total", Type.COUNTER, "Feed prices received (each of an array; a message refused whole counts once).", StatsResource.Stats::feedReceived),
            new Metric("feedAccepted", "quotecast_feed_accepted_total", Type.COUNTER, "Feed prices applied.", StatsResource.Stats::feedAccepted),
            new Metric("feedRejected", "quotecast_feed_rejected_total", Type.COUNTER, "Feed prices rejected, however (a message refused whole counts once).", StatsResource.Stats::feedRejected),
            new Metric("feed", "quotecast_feed_live", Type.GAUGE, "1 while the feed is live, 0 while it is stale.", s -> "live".equals(s.feed()) ? 1 : 0),
            new Metric("feedStaleCount", "quotecast_feed_stale_total", Type.COUNTER, "Times the feed went stale.", StatsResource.Stats::feedStaleCount),
            new Metric("snapshotQuotes", "quotecast_snapshot_quotes_total", Type.COUNTER, "Prices taken from the broker's last-value queue at start.", StatsResource.Stats::snapshotQuotes),
            new Metric("draining", "quotecast_draining", Type.GAUGE, "1 once the node is draining, else 0.", s -> s.draining() ? 1 : 0));

    private static final List<Labelled> LABELLED = List.of(
            new Labelled("sessionsClosedBy", "quotecast_sessions_closed_by_total", "how",
                    "WebSocket sessions closed, by their close code or the kind of failure.", StatsResource.Stats::sessionsClosedBy),
            new Labelled("feedRejectedByReason", "quotecast_feed_rejected_by_reason_total", "reason",
                    "Feed prices rejected, by reason.", StatsResource.Stats::feedRejectedByReason));

    private PrometheusText() {
    }

    static String render(StatsResource.Stats stats) {
        StringBuilder out = new StringBuilder(4096);
        for (Metric metric : METRICS) {
            header(out, metric.name(), metric.type(), metric.help());
            out.append(metric.name()).append(' ').append(number(metric.value().applyAsDouble(stats))).append('\n');
        }
        for (Labelled metric : LABELLED) {
            header(out, metric.name(), Type.COUNTER, metric.help());
            metric.values().apply(stats).forEach((key, value) -> out.append(metric.name()).append('{')
                    .append(metric.label()).append("=\"").append(labelValue(key)).append("\"} ").append(value).append('\n'));
        }
        return out.toString();
    }

    /** The fields of the stats that have a metric. */
    static List<String> fields() {
        return Stream.concat(METRICS.stream().map(Metric::field), LABELLED.stream().map(Labelled::field)).toList();
    }

    private static void header(StringBuilder out, String name, Type type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type.name().toLowerCase(Locale.ROOT)).append('\n');
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** The format's escapes for a label value: backslash, double quote and line feed. */
    static String labelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
