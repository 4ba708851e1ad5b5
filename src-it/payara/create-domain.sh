#!/usr/bin/env bash
# Creates, from scratch, the Payara domain the integration tests run on, and leaves it running
# and warmed up: the Arquillian adapter connects to it and deploys the EAR, and the build stops
# it in post-integration-test (the stop-payara-domain execution in pom.xml).
#
# Why warmed up: the first deployment after a start loads Weld, the OpenMQ adapter and Tyrus and
# took over 10 s on a loaded machine; the adapter's upload then failed ("File source doesn't
# exist") and the first test class errored. Deploying the EAR once here through asadmin, which
# waits as long as it takes, makes the adapter's deployments take about a second.
#
#   create-domain.sh JAVA PAYARA_HOME DOMAIN PORTBASE EAR IT_RESOURCES
#
# Every run starts from a new domain, so that whatever an interrupted run left behind (a server
# still running, an application still deployed, a half-created domain) cannot affect this one.
# All ports are PORTBASE + the usual offset (admin +48, HTTP +80, HTTPS +81, JMS +76, IIOP +37..39,
# JMX +86, OSGi shell +66, Hazelcast +49/+59), so that the default domain, a WildFly and a second
# domain on another port base can all run beside it.
set -euo pipefail

java=$1
payara_home=$2
domain=$3
portbase=$4
ear=$5
it_resources=$6
admin_port=$((portbase + 48))

asadmin() {
    "$java" -jar "$payara_home/glassfish/lib/client/appserver-cli.jar" "$@"
}

# Kills the server of an interrupted run, if any; fails only when there is no such domain yet.
asadmin stop-domain --kill "$domain" >/dev/null 2>&1 || true
asadmin delete-domain "$domain" >/dev/null 2>&1 || true

if ! asadmin create-domain --portbase "$portbase" --nopassword "$domain"; then
    echo "Could not create domain $domain on ports $portbase-$((portbase + 99)). If one of them is in use," \
        "stop what uses it, or run on another port base: mvn verify -Dpayara.portPrefix=$((portbase / 100 + 1))" >&2
    exit 1
fi

# The HTTPS listener's certificate (alias s1as) names this machine's host name; replace it, as an
# operator installs the one their CA signed, with one for the names the tests connect to (TlsIT
# checks the name). Payara reads its key store at start; its password is the master password,
# changeit for a domain created with --nopassword.
config="$payara_home/glassfish/domains/$domain/config"
keytool="$(dirname "$java")/keytool"
{
    "$keytool" -delete -alias s1as -keystore "$config/keystore.p12" -storepass changeit \
    && "$keytool" -genkeypair -alias s1as -keyalg RSA -keysize 2048 -validity 30 -dname "CN=localhost" \
        -ext "SAN=dns:localhost,ip:127.0.0.1" -keystore "$config/keystore.p12" -storepass changeit -keypass changeit \
    && "$keytool" -exportcert -rfc -alias s1as -keystore "$config/keystore.p12" -storepass changeit -file "$config/s1as.pem" \
    && "$keytool" -delete -alias s1as -keystore "$config/cacerts.p12" -storepass changeit \
    && "$keytool" -importcert -noprompt -alias s1as -file "$config/s1as.pem" -keystore "$config/cacerts.p12" -storepass changeit
} >"$config/s1as-keytool.log" 2>&1 || { echo "create-domain: keytool failed, see $config/s1as-keytool.log" >&2; exit 1; }

# Most settings can only be changed on a running server. The first start also fills the OSGi
# cache, which makes the adapter's start quicker, so it costs less than it seems.
asadmin start-domain "$domain"
# Left running for the tests, unless this script fails.
trap 'status=$?; if [ "$status" -ne 0 ]; then asadmin stop-domain "$domain"; fi' EXIT

remote() {
    asadmin --host 127.0.0.1 --port "$admin_port" "$@"
}

# Read by the application as a JVM system property (see the README's configuration table):
# a faster feed makes the tests' first price arrive sooner.
remote create-jvm-options "-Dquotecast.feed.simulated.rate=200"
# For HardeningIT and FrameRobustnessIT: heartbeats and stuck-client checks within seconds, a
# per-address cap a test can reach (ConcurrentSessionsIT opens 200 sessions from one address), and
# 127.0.0.1 as a trusted proxy, for HardeningIT's clients behind a load balancer (others connect
# from 127.0.0.1 without X-Forwarded-For, and so count as 127.0.0.1 as before).
remote create-jvm-options "-Dquotecast.heartbeat-seconds=2:-Dquotecast.stuck-after-seconds=5:-Dquotecast.max-sessions-per-address=250:-Dquotecast.trusted-proxies=127.0.0.1"
# Production defaults, so every test logs in: test users, tokens and entitlements.
remote create-jvm-options "-Dquotecast.identities=$it_resources/it-identities.properties:-Dquotecast.entitlements=$it_resources/it-entitlements.properties"

# The data grid is not used by the application, and a DAS left alone on a shared machine
# should not look for cluster members.
remote set-hazelcast-configuration --enabled=false

# The application's only timer is non-persistent. Without this, its first use deploys Payara's
# persistent timer store (an EclipseLink application on H2), which adds 5 to 15 s to the first
# deployment; with it, timers still work and are all kept in memory.
remote set configs.config.server-config.ejb-container.ejb-timer-service.ejb-timer-service=None

# An application that logs per message must not fill the disk of a shared machine: at most
# 6 files of 10 MB (server.log and five rotated ones).
handler=com.sun.enterprise.server.logging.GFFileHandler
remote set-log-attributes "$handler.rotationLimitInBytes=10000000:$handler.maxHistoryFiles=5"

# Listen on the loopback interface only. Not covered: OpenMQ's port mapper (+76) still listens on
# all interfaces; the embedded broker takes a single start argument, not the two it would need.
listeners=configs.config.server-config.network-config.network-listeners.network-listener
iiop=configs.config.server-config.iiop-service.iiop-listener
remote set \
    "$listeners.http-listener-1.address=127.0.0.1" \
    "$listeners.http-listener-2.address=127.0.0.1" \
    "$listeners.admin-listener.address=127.0.0.1" \
    "$iiop.orb-listener-1.address=127.0.0.1" \
    "$iiop.SSL.address=127.0.0.1" \
    "$iiop.SSL_MUTUALAUTH.address=127.0.0.1" \
    "configs.config.server-config.admin-service.jmx-connector.system.address=127.0.0.1"

# The listener addresses above apply from the next start.
asadmin restart-domain "$domain"

# Warm-up (see the top of this file). A first deployment that fails is tried once more.
warm_up() {
    remote deploy --force=true --name quotecast-warmup "$ear" && remote undeploy quotecast-warmup
}
warm_up || { echo "create-domain: warm-up deployment failed, trying once more" >&2; warm_up; }
