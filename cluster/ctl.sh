#!/usr/bin/env bash
# The local cluster topology (docs/deployment.md): one ActiveMQ Artemis broker, two WildFly nodes
# that consume the price topic from it, HAProxy in front, and the feed publisher. Everything binds
# to 127.0.0.1 and is bounded in time; `down` stops exactly the processes `up` started (by the PIDs
# it wrote), also after a crash or a kill -9 of any of them.
#
#   cluster/ctl.sh up | down | status
#   cluster/ctl.sh broker-start | broker-stop
#   cluster/ctl.sh node-start N | node-stop N | node-kill N      (N = 1 or 2: kill is kill -9)
#   cluster/ctl.sh node-drain N                                  (POST /api/health/drain on the node)
#   cluster/ctl.sh node-cli N COMMAND                            (one jboss-cli command on the node's management port)
#   cluster/ctl.sh publisher-start | publisher-stop
#   cluster/ctl.sh payara-start | payara-stop | payara-restart | payara-kill   (a Payara node on the same broker, behind HAProxy while it runs)
#
# Settings (environment variables, defaults in brackets):
#   QC_DIR              state: broker instance, node base dirs, logs, PID files [src-it/cluster/target/topology]
#   QC_BROKER_PORT      Artemis core/JMS port [61716]
#   QC_BROKER_USER, QC_BROKER_PASSWORD   broker credentials the nodes and the publisher use [quotecast/quotecast]
#   QC_TLS_PASSWORD     password of the broker's key store and of the clients' trust store, both made
#                       by `up` in $QC_DIR/tls [quotecast-tls]
#   QC_NODE_OFFSETS     WildFly port offsets, one node each ["400 500"]: http 8480/8580, management 10390/10490
#   QC_LB_PORT          HAProxy port [8680]
#   QC_RATE             publisher prices per second [100]; QC_PUBLISHER=false starts none
#   QC_BATCH_MS         the publisher sends the prices of each QC_BATCH_MS ms in one message, each
#                       symbol's newest also to the last-value queue [50]; 0: one price a message
#   QC_STALE_SECONDS    quotecast.feed.stale-after-seconds on the nodes [5]
#   QC_HEARTBEAT        quotecast.heartbeat-seconds on the nodes [10]
#   QC_DRAIN_SECONDS    quotecast.drain.delay-seconds on the nodes [3]
#   QC_NODE_OPTS        more JVM options for the nodes
#   QC_PAYARA_PORTBASE  the Payara node's ports are this plus Payara's offsets [8700]: http 8780, admin 8748
#   QC_BUILD            false: do not run Maven to build the EAR and unpack the servers (the ITs prepare them)
#   ARTEMIS_HOME, WILDFLY_HOME, QUOTECAST_EAR, QUOTECAST_PUBLISHER_JAR   inputs [from src-it/cluster/target]
#   PAYARA_HOME, QUOTECAST_ARTEMIS_RAR   inputs of payara-start [from src-it/cluster/target]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREPARED="$ROOT/src-it/cluster/target"
QC_DIR="${QC_DIR:-$PREPARED/topology}"
QC_BROKER_PORT="${QC_BROKER_PORT:-61716}"
QC_BROKER_USER="${QC_BROKER_USER:-quotecast}"
QC_BROKER_PASSWORD="${QC_BROKER_PASSWORD:-quotecast}"
QC_TLS_PASSWORD="${QC_TLS_PASSWORD:-quotecast-tls}"
QC_NODE_OFFSETS="${QC_NODE_OFFSETS:-400 500}"
QC_LB_PORT="${QC_LB_PORT:-8680}"
QC_RATE="${QC_RATE:-100}"
QC_PUBLISHER="${QC_PUBLISHER:-true}"
QC_BATCH_MS="${QC_BATCH_MS:-50}"
QC_STALE_SECONDS="${QC_STALE_SECONDS:-5}"
QC_HEARTBEAT="${QC_HEARTBEAT:-10}"
QC_DRAIN_SECONDS="${QC_DRAIN_SECONDS:-3}"
QC_NODE_OPTS="${QC_NODE_OPTS:-}"
QC_PAYARA_PORTBASE="${QC_PAYARA_PORTBASE:-8700}"
QC_BUILD="${QC_BUILD:-true}"
SNAPSHOT_QUEUE="quotecastPrices::quotecastSnapshot"

log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }
# A failure's cause belongs in the failure's own output (a CI log keeps nothing else): the last
# lines of the log that the message points to, and, from a server log, its last SEVERE records.
show_tail() {
    [ -s "$1" ] || return 0
    log "last lines of $1:"
    tail -n "${2:-20}" "$1" | cut -c1-400 >&2
}
show_severe() {
    [ -s "$1" ] && grep -q '\[SEVERE\]' "$1" || return 0
    log "last SEVERE records of $1:"
    grep -A 6 '\[SEVERE\]' "$1" | tail -n 40 | cut -c1-400 >&2
}

# --- inputs -----------------------------------------------------------------------------------

inputs() {
    ARTEMIS_HOME="${ARTEMIS_HOME:-$(ls -d "$PREPARED"/apache-artemis-* 2>/dev/null | head -n 1 || true)}"
    WILDFLY_HOME="${WILDFLY_HOME:-$(ls -d "$PREPARED"/wildfly-* 2>/dev/null | head -n 1 || true)}"
    QUOTECAST_EAR="${QUOTECAST_EAR:-$PREPARED/quotecast.ear}"
    QUOTECAST_PUBLISHER_JAR="${QUOTECAST_PUBLISHER_JAR:-$PREPARED/quotecast-publisher.jar}"
    if [ ! -f "$ARTEMIS_HOME/bin/artemis" ] || [ ! -f "$WILDFLY_HOME/bin/standalone.sh" ] \
            || [ ! -f "$QUOTECAST_EAR" ] || [ ! -f "$QUOTECAST_PUBLISHER_JAR" ]; then
        [ "$QC_BUILD" = "true" ] || die "missing Artemis, WildFly, the EAR or the publisher jar (QC_BUILD=false)"
        log "building the EAR and the publisher, unpacking Artemis and WildFly (mvn -DskipTests -Dquotecast.cluster.prepare=true -pl src-it/cluster -am package)"
        (cd "$ROOT" && mvn -q -DskipTests -Dquotecast.cluster.prepare=true -pl src-it/cluster -am package) || die "the build failed"
        QC_BUILD=false inputs
        return
    fi
    command -v haproxy >/dev/null || bash "$ROOT/cluster/install-haproxy.sh"
}

http_port() { echo $((8080 + $1)); }
mgmt_port() { echo $((9990 + $1)); }
node_offset() {
    local offsets=($QC_NODE_OFFSETS)
    [ "$1" -ge 1 ] && [ "$1" -le "${#offsets[@]}" ] || die "no node $1 (QC_NODE_OFFSETS='$QC_NODE_OFFSETS')"
    echo "${offsets[$(($1 - 1))]}"
}
node_count() { local offsets=($QC_NODE_OFFSETS); echo "${#offsets[@]}"; }

# --- processes --------------------------------------------------------------------------------

# A PID from a PID file, only while that process is alive and still ours (its command line names $QC_DIR or the marker).
alive_pid() {
    local file="$QC_DIR/$1.pid" marker="${2:-$QC_DIR}" pid
    [ -f "$file" ] || return 1
    pid="$(cat "$file")"
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
    tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$marker" || return 1
    echo "$pid"
}

# Stops the process of a PID file: SIGTERM, up to $3 seconds, then SIGKILL.
stop_pid() {
    local name="$1" marker="${2:-$QC_DIR}" grace="${3:-20}" pid
    if pid="$(alive_pid "$name" "$marker")"; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 $((grace * 5))); do
            [ -d "/proc/$pid" ] || break
            sleep 0.2
        done
        if [ -d "/proc/$pid" ]; then
            log "$name did not stop in ${grace}s: kill -9 $pid"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$QC_DIR/$name.pid"
}

# Waits up to $2 seconds for a URL to answer with one of the HTTP statuses in $3 (a regex).
await_http() {
    local url="$1" seconds="$2" want="$3" code
    local deadline=$((SECONDS + seconds))
    while [ $SECONDS -lt $deadline ]; do
        code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)"
        [[ "$code" =~ ^($want)$ ]] && return 0
        sleep 0.5
    done
    return 1
}

await_port() {
    local port="$1" seconds="$2"
    local deadline=$((SECONDS + seconds))
    while [ $SECONDS -lt $deadline ]; do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        sleep 0.3
    done
    return 1
}

# --- TLS ------------------------------------------------------------------------------------

# The broker's key pair (a certificate for 127.0.0.1 and localhost, which is what the clients
# connect to and check) and the trust store the nodes and the publisher use: made here because
# the local topology has no CA; in production the broker's certificate comes from yours.
tls_create() {
    local tls="$QC_DIR/tls" keytool="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"
    rm -rf "$tls"
    mkdir -p "$tls"
    {
        "$keytool" -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 30 -dname "CN=quotecast-broker" \
            -ext "SAN=ip:127.0.0.1,dns:localhost" -keystore "$tls/broker.p12" -storetype PKCS12 \
            -storepass "$QC_TLS_PASSWORD" -keypass "$QC_TLS_PASSWORD" \
        && "$keytool" -exportcert -rfc -alias broker -keystore "$tls/broker.p12" -storetype PKCS12 \
            -storepass "$QC_TLS_PASSWORD" -file "$tls/broker.pem" \
        && "$keytool" -importcert -noprompt -alias broker -file "$tls/broker.pem" -keystore "$tls/trust.p12" \
            -storetype PKCS12 -storepass "$QC_TLS_PASSWORD"
    } >"$QC_DIR/tls.log" 2>&1 || die "keytool could not make the broker's certificate: see $QC_DIR/tls.log"
}

# What a client adds to the broker's URL (the publisher; the nodes get the same through
# wildfly-external-broker.cli): TLS, trusting the broker's certificate, host checked.
tls_client_options() {
    echo "sslEnabled=true&trustStorePath=$QC_DIR/tls/trust.p12&trustStorePassword=$QC_TLS_PASSWORD&trustStoreType=PKCS12"
}

# --- broker -----------------------------------------------------------------------------------

broker_create() {
    rm -rf "$QC_DIR/broker"
    bash "$ARTEMIS_HOME/bin/artemis" create "$QC_DIR/broker" --silent --force \
        --user "$QC_BROKER_USER" --password "$QC_BROKER_PASSWORD" --require-login \
        --host 127.0.0.1 --default-port "$QC_BROKER_PORT" --no-web \
        --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
        --nio --no-autotune --no-fsync --java-memory 512M >"$QC_DIR/broker-create.log" 2>&1 \
        || die "artemis create failed: see $QC_DIR/broker-create.log"
    # The price address (multicast: every node's subscription gets every price) and its
    # last-value queue: one message per symbol, the newest, kept for nodes that start.
    local xml="$QC_DIR/broker/etc/broker.xml"
    # TLS only: the one acceptor takes no plain connection.
    tls_create
    sed -i -e "s|\(<acceptor name=\"artemis\">[^<]*\)</acceptor>|\1;sslEnabled=true;keyStorePath=$QC_DIR/tls/broker.p12;keyStorePassword=$QC_TLS_PASSWORD;keyStoreType=PKCS12</acceptor>|" "$xml"
    grep -q '<acceptor name="artemis">[^<]*sslEnabled=true' "$xml" || die "could not turn on TLS in $xml's acceptor"
    grep -q '<addresses>' "$xml" || die "no <addresses> in $xml"
    awk -v snippet="$ROOT/cluster/broker-addresses.xml" '
        { print }
        /<addresses>/ && !done { while ((getline line < snippet) > 0) print line; done = 1 }
    ' "$xml" >"$xml.new" && mv "$xml.new" "$xml"
}

broker_start() {
    if alive_pid broker >/dev/null; then
        log "broker already running"
        return
    fi
    [ -d "$QC_DIR/broker" ] || broker_create
    log "starting the broker on 127.0.0.1:$QC_BROKER_PORT"
    nohup bash "$QC_DIR/broker/bin/artemis" run >>"$QC_DIR/broker.log" 2>&1 &
    echo $! >"$QC_DIR/broker.pid"
    await_port "$QC_BROKER_PORT" 60 || { show_tail "$QC_DIR/broker.log" 30; die "the broker did not listen on $QC_BROKER_PORT within 60 s: see $QC_DIR/broker.log"; }
}

broker_stop() {
    log "stopping the broker"
    stop_pid broker "$QC_DIR/broker" 20
}

# --- nodes ------------------------------------------------------------------------------------

node_prepare_config() {
    local config="$WILDFLY_HOME/standalone/configuration/standalone-quotecast-cluster.xml"
    local script="$ROOT/cluster/wildfly-external-broker.cli" quotecast="$ROOT/ear/src/main/wildfly/quotecast.cli" applied
    applied="$(cat "$quotecast" "$script" | sha256sum | cut -d' ' -f1)"
    # Configured again whenever either CLI script changes: first what every WildFly needs for
    # Quotecast (ear/src/main/wildfly/quotecast.cli), then the external broker.
    if [ ! -f "$config" ] || [ "$(cat "$config.cli-sha256" 2>/dev/null)" != "$applied" ]; then
        log "configuring WildFly for Quotecast and the external broker (quotecast.cli, wildfly-external-broker.cli)"
        cp "$WILDFLY_HOME/standalone/configuration/standalone-full.xml" "$WILDFLY_HOME/standalone/configuration/standalone-quotecast.xml"
        sh "$WILDFLY_HOME/bin/jboss-cli.sh" --file="$quotecast" >"$QC_DIR/wildfly-cli.log" 2>&1 \
            || die "the WildFly CLI script failed: see $QC_DIR/wildfly-cli.log"
        cp "$WILDFLY_HOME/standalone/configuration/standalone-quotecast.xml" "$config"
        sh "$WILDFLY_HOME/bin/jboss-cli.sh" --file="$script" >>"$QC_DIR/wildfly-cli.log" 2>&1 \
            || die "the WildFly CLI script failed: see $QC_DIR/wildfly-cli.log"
        echo "$applied" >"$config.cli-sha256"
    fi
}

# node_start N [fresh]: a fresh node gets a new base directory; otherwise it restarts with the one it had.
node_start() {
    local n="$1" fresh="${2:-}" offset base
    offset="$(node_offset "$n")"
    base="$QC_DIR/node$n"
    if alive_pid "node$n" "$base" >/dev/null; then
        log "node$n already running"
        return
    fi
    node_prepare_config
    if [ -n "$fresh" ] || [ ! -d "$base" ]; then
        rm -rf "$base"
        mkdir -p "$base"
        cp -r "$WILDFLY_HOME/standalone/configuration" "$WILDFLY_HOME/standalone/deployments" "$base/"
        cp "$QUOTECAST_EAR" "$base/deployments/quotecast.ear"
    fi
    log "starting node$n on http://127.0.0.1:$(http_port "$offset")"
    JBOSS_PIDFILE="$QC_DIR/node$n.pid" LAUNCH_JBOSS_IN_BACKGROUND=true \
    JAVA_OPTS="-Xms128m -Xmx640m -XX:MetaspaceSize=96M -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true" \
        nohup sh "$WILDFLY_HOME/bin/standalone.sh" -c standalone-quotecast-cluster.xml \
            -Djboss.server.base.dir="$base" -Djboss.node.name="node$n" -Djboss.tx.node.id="node$n" \
            -Djboss.socket.binding.port-offset="$offset" -b 127.0.0.1 -bmanagement 127.0.0.1 \
            -Dquotecast.broker.host=127.0.0.1 -Dquotecast.broker.port="$QC_BROKER_PORT" \
            -Dquotecast.broker.user="$QC_BROKER_USER" -Dquotecast.broker.password="$QC_BROKER_PASSWORD" \
            -Dquotecast.broker.trust-store="$QC_DIR/tls/trust.p12" -Dquotecast.broker.trust-store-password="$QC_TLS_PASSWORD" \
            -Dquotecast.feed.simulated=false -Dquotecast.snapshot.queue="$SNAPSHOT_QUEUE" \
            -Dquotecast.feed.stale-after-seconds="$QC_STALE_SECONDS" -Dquotecast.heartbeat-seconds="$QC_HEARTBEAT" \
            -Dquotecast.drain.delay-seconds="$QC_DRAIN_SECONDS" -Dquotecast.trusted-proxies=127.0.0.1 \
            -Dquotecast.demo=true $QC_NODE_OPTS \
            >>"$QC_DIR/node$n.log" 2>&1 &
    echo $! >"$QC_DIR/node$n-launcher.pid"
}

# Waits until node N has deployed the EAR (health answers, 200 or 503).
node_await_deployed() {
    local n="$1" offset
    offset="$(node_offset "$n")"
    await_http "http://127.0.0.1:$(http_port "$offset")/quotecast/api/health" 180 "200|503" \
        || { show_tail "$QC_DIR/node$n.log" 30; die "node$n did not deploy quotecast.ear within 180 s: see $QC_DIR/node$n.log"; }
}

node_stop() {
    log "stopping node$1"
    stop_pid "node$1" "$QC_DIR/node$1" 30
    stop_pid "node$1-launcher" "$QC_DIR/node$1" 5
}

node_kill() {
    local pid
    pid="$(alive_pid "node$1" "$QC_DIR/node$1")" || die "node$1 is not running"
    log "kill -9 node$1 (pid $pid)"
    kill -KILL "$pid"
    for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    rm -f "$QC_DIR/node$1.pid"
    stop_pid "node$1-launcher" "$QC_DIR/node$1" 5
}

node_drain() {
    local offset
    offset="$(node_offset "$1")"
    curl -s -f -X POST "http://127.0.0.1:$(http_port "$offset")/quotecast/api/health/drain"
    echo
}

# The management port binds to 127.0.0.1 and jboss-cli run by the same user logs in as the local
# user, so this needs no management user.
node_cli() {
    local offset
    offset="$(node_offset "$1")"
    shift
    sh "$WILDFLY_HOME/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$(mgmt_port "$offset")" --command="$*"
}

# --- load balancer ----------------------------------------------------------------------------

lb_start() {
    if alive_pid haproxy >/dev/null; then
        return
    fi
    local servers="" n offset
    for n in $(seq 1 "$(node_count)"); do
        offset="$(node_offset "$n")"
        servers+="    server node$n 127.0.0.1:$(http_port "$offset") check"$'\n'
    done
    # The Payara node of payara-start: out of rotation (its health check refused) until it runs and is ready.
    servers+="    server payara 127.0.0.1:$(payara_http_port) check"$'\n'
    sed -e "s|@LB_PORT@|$QC_LB_PORT|" -e "s|@DIR@|$QC_DIR|" "$ROOT/cluster/haproxy.cfg" >"$QC_DIR/haproxy.cfg"
    printf '%s' "$servers" >>"$QC_DIR/haproxy.cfg"
    haproxy -c -q -f "$QC_DIR/haproxy.cfg" || die "haproxy refused $QC_DIR/haproxy.cfg"
    log "starting HAProxy on http://127.0.0.1:$QC_LB_PORT/quotecast/"
    nohup haproxy -db -f "$QC_DIR/haproxy.cfg" >>"$QC_DIR/haproxy.log" 2>&1 &
    echo $! >"$QC_DIR/haproxy.pid"
    await_port "$QC_LB_PORT" 20 || die "HAProxy did not listen on $QC_LB_PORT: see $QC_DIR/haproxy.log"
}

# --- publisher --------------------------------------------------------------------------------

publisher_start() {
    if alive_pid publisher >/dev/null; then
        return
    fi
    local batching=()
    # Batches cost every node one message where it would pay for many; the last-value queue keeps
    # only one-price messages, so the publisher copies each symbol's newest price to it.
    [ "$QC_BATCH_MS" -gt 0 ] && batching=(--batch-ms "$QC_BATCH_MS" --snapshot-queue "$SNAPSHOT_QUEUE")
    log "starting the publisher: $QC_RATE prices/s${batching:+, in batches of $QC_BATCH_MS ms}"
    QUOTECAST_BROKER_USER="$QC_BROKER_USER" QUOTECAST_BROKER_PASSWORD="$QC_BROKER_PASSWORD" \
        nohup java -Dquotecast.cluster.dir="$QC_DIR" -jar "$QUOTECAST_PUBLISHER_JAR" \
            --broker "tcp://127.0.0.1:$QC_BROKER_PORT?$(tls_client_options)" --rate "$QC_RATE" --persistent --report-seconds 30 \
            "${batching[@]}" >>"$QC_DIR/publisher.log" 2>&1 &
    echo $! >"$QC_DIR/publisher.pid"
}

publisher_stop() {
    stop_pid publisher "$QC_DIR" 10
}

# --- a Payara node ----------------------------------------------------------------------------

# The same EAR on Payara Server, its MDB consuming the price topic from the same broker through
# the Artemis resource adapter (artemis-rar/) instead of Payara's OpenMQ: what docs/deployment.md
# ("An external broker for Payara") describes, done by the commands below.
PAYARA_DOMAIN=quotecast-payara
payara_http_port() { echo $((QC_PAYARA_PORTBASE + 80)); }
payara_admin_port() { echo $((QC_PAYARA_PORTBASE + 48)); }

payara_inputs() {
    PAYARA_HOME="${PAYARA_HOME:-$PREPARED/payara6}"
    QUOTECAST_ARTEMIS_RAR="${QUOTECAST_ARTEMIS_RAR:-$PREPARED/quotecast-artemis-ra.rar}"
    if [ ! -f "$PAYARA_HOME/glassfish/lib/client/appserver-cli.jar" ] || [ ! -f "$QUOTECAST_ARTEMIS_RAR" ]; then
        [ "$QC_BUILD" = "true" ] || die "missing Payara or the resource adapter (QC_BUILD=false)"
        log "building the resource adapter, unpacking Payara (mvn -DskipTests -Dquotecast.cluster.prepare=true -pl src-it/cluster -am package)"
        (cd "$ROOT" && mvn -q -DskipTests -Dquotecast.cluster.prepare=true -pl src-it/cluster -am package) || die "the build failed"
    fi
}

payara_asadmin() {
    "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$PAYARA_HOME/glassfish/lib/client/appserver-cli.jar" "$@"
}

payara_remote() {
    payara_asadmin --host 127.0.0.1 --port "$(payara_admin_port)" "$@"
}

# Colons separate asadmin's properties and JVM options: a value's own are escaped.
asadmin_escape() { printf '%s' "$1" | sed -e 's/:/\\:/g' -e 's/=/\\=/g'; }

# A password alias: the password goes through a file only asadmin reads, never a command line.
payara_alias() {
    local file="$QC_DIR/payara-alias.txt" status=0
    (umask 077 && printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$2" >"$file")
    payara_remote --passwordfile "$file" create-password-alias "$1" || status=$?
    rm -f "$file"
    return "$status"
}

payara_start() {
    local domains="$QC_DIR/payara" log="$QC_DIR/payara.log" started=$SECONDS
    if alive_pid payara "$domains" >/dev/null; then
        log "payara already running"
        return
    fi
    payara_inputs
    payara_asadmin stop-domain --domaindir "$domains" --kill "$PAYARA_DOMAIN" >/dev/null 2>&1 || true
    rm -rf "$domains"
    mkdir -p "$domains"
    log "creating and starting the Payara node on http://127.0.0.1:$(payara_http_port)"
    {
        payara_asadmin create-domain --domaindir "$domains" --portbase "$QC_PAYARA_PORTBASE" --nopassword "$PAYARA_DOMAIN" \
        && payara_asadmin start-domain --domaindir "$domains" "$PAYARA_DOMAIN"
    } >>"$log" 2>&1 || { show_tail "$log"; die "could not create or start the Payara domain: see $log"; }
    cp "$domains/$PAYARA_DOMAIN/config/pid" "$QC_DIR/payara.pid"
    local listeners=configs.config.server-config.network-config.network-listeners.network-listener
    local queue
    queue="$(asadmin_escape "$SNAPSHOT_QUEUE")"
    # The broker: host, port, TLS with the trust store of the local topology (forceSSLParameters:
    # otherwise the javax.net.ssl.* properties Payara sets for itself win over these, and the
    # broker's certificate is checked against Payara's own trust store). Both passwords live in
    # password aliases: domain.xml holds ${ALIAS=…}, which Payara resolves, also inside a value.
    local broker="host=127.0.0.1;port=$QC_BROKER_PORT;sslEnabled=true;forceSSLParameters=true;trustStorePath=$QC_DIR/tls/trust.p12;trustStorePassword=\${ALIAS=quotecast-trust-store-password};trustStoreType=PKCS12"
    {
        payara_alias quotecast-broker-password "$QC_BROKER_PASSWORD" \
        && payara_alias quotecast-trust-store-password "$QC_TLS_PASSWORD" \
        && payara_remote set-hazelcast-configuration --enabled=false \
        && payara_remote set configs.config.server-config.ejb-container.ejb-timer-service.ejb-timer-service=None \
        && payara_remote set "$listeners.http-listener-1.address=127.0.0.1" "$listeners.http-listener-2.address=127.0.0.1" \
            "$listeners.admin-listener.address=127.0.0.1" \
        && payara_remote create-jvm-options "-Dquotecast.feed.simulated=false:-Dquotecast.snapshot.queue=$queue:-Dquotecast.feed.stale-after-seconds=$QC_STALE_SECONDS:-Dquotecast.heartbeat-seconds=$QC_HEARTBEAT:-Dquotecast.drain.delay-seconds=$QC_DRAIN_SECONDS:-Dquotecast.trusted-proxies=127.0.0.1:-Dquotecast.demo=true" \
        && payara_remote create-resource-adapter-config \
            --property "ConnectionParameters=$(asadmin_escape "$broker"):UserName=$QC_BROKER_USER:Password=\${ALIAS\=quotecast-broker-password}" \
            quotecast-artemis-ra \
        && payara_remote deploy --name quotecast-artemis-ra "$QUOTECAST_ARTEMIS_RAR" \
        && payara_remote create-connector-connection-pool --raname quotecast-artemis-ra \
            --connectiondefinition org.apache.activemq.artemis.ra.ActiveMQRAConnectionFactory \
            --property "UserName=$QC_BROKER_USER:Password=\${ALIAS\=quotecast-broker-password}" quotecast-artemis-pool \
        && payara_remote set "resources.connector-resource.jms/__defaultConnectionFactory.pool-name=quotecast-artemis-pool"
    } >>"$log" 2>&1 || { payara_failed; die "could not configure the Payara node: see $log"; }
    local server_log="$domains/$PAYARA_DOMAIN/logs/server.log" logged
    logged="$(wc -l 2>/dev/null <"$server_log" || echo 0)"
    payara_asadmin restart-domain --domaindir "$domains" "$PAYARA_DOMAIN" >>"$log" 2>&1 \
        || { payara_failed; die "the Payara node did not restart: see $log"; }
    cp "$domains/$PAYARA_DOMAIN/config/pid" "$QC_DIR/payara.pid"
    # Payara 6 answers restart-domain before it has loaded what it has deployed
    # (payara/Payara#6453): the EAR's MDB binds to the adapter, which must be loaded first.
    payara_await_loaded quotecast-artemis-ra "$server_log" "$logged" 120 \
        || { payara_failed; die "Payara did not load quotecast-artemis-ra within 120 s of its restart: see $server_log"; }
    # The deployment plan binds the MDB to the Artemis adapter (cluster/payara/).
    local plan="$QC_DIR/payara-plan.jar"
    rm -f "$plan"
    (cd "$ROOT/cluster/payara" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" cf "$plan" quotecast-ejb.jar.glassfish-ejb-jar.xml) \
        || die "could not make the deployment plan $plan"
    payara_remote deploy --name quotecast --contextroot quotecast --deploymentplan "$plan" "$QUOTECAST_EAR" >>"$log" 2>&1 \
        || { payara_failed; die "Payara did not deploy quotecast.ear: see $log and $server_log"; }
    log "payara up in $((SECONDS - started)) s: http://127.0.0.1:$(payara_http_port)/quotecast/"
}

# Restarts the domain with what it has deployed, as an operator does: the EAR starts with the server.
payara_restart() {
    alive_pid payara "$QC_DIR/payara" >/dev/null || die "the Payara node is not running"
    payara_inputs
    log "restarting the Payara node"
    payara_asadmin restart-domain --domaindir "$QC_DIR/payara" "$PAYARA_DOMAIN" >>"$QC_DIR/payara.log" 2>&1 \
        || { show_tail "$QC_DIR/payara.log"; die "the Payara node did not restart: see $QC_DIR/payara.log"; }
    cp "$QC_DIR/payara/$PAYARA_DOMAIN/config/pid" "$QC_DIR/payara.pid"
}

# Waits until the server has logged, after line FROM of its log, that it loaded application APP
# (NCLS-CORE-00022, "Loading application … done", the message id being the same in every locale):
# the one sign Payara 6 gives that an application deployed before a (re)start is up again.
payara_await_loaded() {
    local app="$1" server_log="$2" from="$3" seconds="$4"
    local deadline=$((SECONDS + seconds))
    while [ $SECONDS -lt $deadline ]; do
        # A rotated log starts again from its first line.
        [ "$(wc -l 2>/dev/null <"$server_log" || echo 0)" -lt "$from" ] && from=0
        # Not grep -q: quitting at the first match could end tail with SIGPIPE, a failure under pipefail.
        tail -n "+$((from + 1))" "$server_log" 2>/dev/null | grep -A 1 'NCLS-CORE-00022' | grep -- "application $app done" >/dev/null \
            && return 0
        sleep 0.5
    done
    return 1
}

# What asadmin said and what the server logged, shown before stopping it (stop-domain adds its own lines).
payara_failed() {
    show_tail "$QC_DIR/payara.log"
    show_severe "$QC_DIR/payara/$PAYARA_DOMAIN/logs/server.log"
    payara_stop
}

payara_kill() {
    local pid
    pid="$(alive_pid payara "$QC_DIR/payara")" || die "the Payara node is not running"
    log "kill -9 the Payara node (pid $pid)"
    kill -KILL "$pid"
    for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    rm -f "$QC_DIR/payara.pid"
}

payara_stop() {
    log "stopping the Payara node"
    if alive_pid payara "$QC_DIR/payara" >/dev/null; then
        payara_inputs
        payara_asadmin stop-domain --domaindir "$QC_DIR/payara" "$PAYARA_DOMAIN" >>"$QC_DIR/payara.log" 2>&1 || true
    fi
    stop_pid payara "$QC_DIR/payara" 20
}

# --- whole topology ---------------------------------------------------------------------------

up() {
    inputs
    # Whatever an earlier run left behind (a killed build) goes first.
    [ -d "$QC_DIR" ] && down
    mkdir -p "$QC_DIR"
    rm -f "$QC_DIR"/*.log
    local started=$SECONDS n
    broker_create
    broker_start
    for n in $(seq 1 "$(node_count)"); do node_start "$n" fresh; done
    for n in $(seq 1 "$(node_count)"); do node_await_deployed "$n"; done
    lb_start
    if [ "$QC_PUBLISHER" = "true" ]; then
        publisher_start
        await_http "http://127.0.0.1:$QC_LB_PORT/quotecast/api/health" 60 200 \
            || die "no node became ready behind the load balancer within 60 s"
    fi
    log "up in $((SECONDS - started)) s: open http://127.0.0.1:$QC_LB_PORT/quotecast/ (cluster/down.sh stops it all)"
}

down() {
    local n
    publisher_stop
    payara_stop
    stop_pid haproxy "$QC_DIR/haproxy.cfg" 5
    for n in $(seq 1 "$(node_count)"); do node_stop "$n"; done
    broker_stop
    log "down"
}

status() {
    local name pid
    for name in broker $(for n in $(seq 1 "$(node_count)"); do echo "node$n"; done) haproxy publisher payara; do
        if pid="$(alive_pid "$name")"; then echo "$name: running (pid $pid)"; else echo "$name: stopped"; fi
    done
}

command="${1:-}"
shift || true
case "$command" in
    # A topology that fails to come up is taken down again: nothing is left running.
    up) if ! (up); then down; exit 1; fi ;;
    down) [ -d "$QC_DIR" ] && down || log "nothing to stop in $QC_DIR" ;;
    status) status ;;
    broker-start) inputs; broker_start ;;
    broker-stop) broker_stop ;;
    node-start) inputs; node_start "${1:?node number}"; node_await_deployed "$1" ;;
    node-stop) node_stop "${1:?node number}" ;;
    node-kill) node_kill "${1:?node number}" ;;
    node-drain) node_drain "${1:?node number}" ;;
    node-cli) inputs; node_cli "${1:?node number}" "${@:2}" ;;
    publisher-start) inputs; publisher_start ;;
    publisher-stop) publisher_stop ;;
    payara-start) inputs; payara_start ;;
    payara-stop) payara_stop ;;
    payara-restart) payara_restart ;;
    payara-kill) payara_kill ;;
    *) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
