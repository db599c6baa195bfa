package com.clustertokens.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Instance;

import com.clustertokens.error.ConfigurationException;
import com.clustertokens.lambda.Deadline;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * One cluster's validated endpoint and the REST client built for it, with its timeouts and TLS trust. The REST client
 * takes its timeouts from its configuration only, so a call that must end before the invocation's deadline, sooner
 * than the configured timeouts would, goes through a client built with the time left ({@link #roundedDown}).
 */
final class ClusterConnection {

    /** Largest piece of a response body handed to the reading thread at once. */
    private static final int BODY_PIECE_BYTES = 512 * 1024;
    /** The shortest timeout a call is given: one at the very deadline fails at once instead of hanging. */
    private static final Duration SHORTEST = Duration.ofMillis(100);

    private final RegisteredCluster cluster;
    private final ClusterConfig config;
    private final Instance<TlsConfigurationRegistry> tlsRegistry;

    private Opened opened;
    /** Whether a request was sent through the client built last: only then may it hold a connection. */
    private volatile boolean used;

    /** What {@link #open} builds, kept across invocations; {@code cut}: clients for calls near the deadline, by ms. */
    record Opened(ClusterEndpoint endpoint, ClusterTokenApi api, Duration readTimeout,
            Map<Long, ClusterTokenApi> cut) {
    }

    /**
     * The client one call goes through and the timeouts it waits with (the read timeout also bounds getting a
     * connection); {@code cut} when that is the time left before the deadline rather than the configured timeout.
     */
    record CallClient(ClusterTokenApi api, Duration readTimeout, Duration connectTimeout, boolean cut) {
    }

    ClusterConnection(RegisteredCluster cluster, ClusterConfig config, Instance<TlsConfigurationRegistry> tlsRegistry) {
        this.cluster = cluster;
        this.config = config;
        this.tlsRegistry = tlsRegistry;
    }

    ClusterEndpoint endpoint() {
        return open().endpoint();
    }

    /** The client for a call that must end {@code keep} before {@code deadline}, its timeouts cut to fit. */
    CallClient forCall(Deadline deadline, Duration keep) {
        used = true;
        Opened current = open();
        Duration limit = deadline.cap(current.readTimeout(), keep, SHORTEST);
        if (limit.compareTo(current.readTimeout()) >= 0) {
            return new CallClient(current.api(), current.readTimeout(), connectTimeout(current.readTimeout()), false);
        }
        Duration rounded = roundedDown(limit);
        return new CallClient(current.cut().computeIfAbsent(rounded.toMillis(), ms -> client(current.endpoint(),
                rounded)), rounded, connectTimeout(rounded), true);
    }

    /**
     * Whole seconds from 10 s up, tenths below: a call loses at most a tenth of the time it has, and the clients built
     * for calls near the deadline stay few (at most one per step) and are reused by the next ones.
     */
    static Duration roundedDown(Duration limit) {
        long millis = limit.toMillis();
        long step = millis >= 10_000 ? 1000 : 100;
        return Duration.ofMillis(Math.max(SHORTEST.toMillis(), millis / step * step));
    }

    Duration readTimeout() {
        return open().readTimeout();
    }

    Duration connectTimeout() {
        return config.connectTimeout();
    }

    /** DT_CONNECT_TIMEOUT, never longer than the read timeout of the call it opens a connection for. */
    private Duration connectTimeout(Duration readTimeout) {
        return config.connectTimeout().compareTo(readTimeout) > 0 ? readTimeout : config.connectTimeout();
    }

    /**
     * Validates the configuration and builds the client, once: at first use rather than at start-up, so a function
     * that never calls the cluster does not fail on its settings, and a bad setting fails before anything is sent.
     */
    synchronized Opened open() {
        if (opened == null) {
            ClusterEndpoint endpoint = ClusterEndpoint.parse(cluster.url(), cluster.urlSetting());
            opened = new Opened(endpoint, client(endpoint, config.readTimeout()), config.readTimeout(),
                    new ConcurrentHashMap<>());
        }
        return opened;
    }

    /**
     * Closes the client if a request went through it (so it may hold a pooled connection); a client only built, never
     * used, holds none and is kept: what a SnapStart restore keeps of a client built before the snapshot.
     */
    synchronized void closeIfUsed() {
        if (used) {
            close();
        }
    }

    synchronized void close() {
        used = false;
        Opened current = opened;
        opened = null;
        if (current != null) {
            close(current.api());
            current.cut().values().forEach(ClusterConnection::close);
        }
    }

    private static void close(ClusterTokenApi api) {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing only drops idle connections; a failure to do so leaves nothing the next client would use.
            }
        }
    }

    /** A REST client waiting at most {@code readTimeout} for an answer, and no longer than that to connect. */
    private ClusterTokenApi client(ClusterEndpoint endpoint, Duration readTimeout) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(endpoint.baseUri())
                .connectTimeout(connectTimeout(readTimeout).toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .followRedirects(false)
                .loggingMaskedHeaders(Set.of("Authorization"))
                .httpClientOptionsCustomizer(options -> options
                        // The body stream hands over one piece at a time, each a wake-up of the reading thread:
                        // a list of a million tokens (85 MB) came in 10,000 pieces of 8 KB; now in few large ones.
                        .setMaxChunkSize(BODY_PIECE_BYTES)
                        .setReceiveBufferSize(BODY_PIECE_BYTES));
        trustConfiguration().ifPresent(builder::tlsConfiguration);
        return builder.build(ClusterTokenApi.class);
    }

    private Optional<TlsConfiguration> trustConfiguration() {
        String name = config.tlsConfigurationName();
        Optional<TlsConfiguration> tls = tlsRegistry.isUnsatisfied() ? Optional.empty() : tlsRegistry.get().get(name);
        if (tls.filter(TlsConfiguration::isTrustAll).isPresent()) {
            throw new ConfigurationException("TLS configuration '" + name + "' disables certificate checks; "
                    + "trust the cluster's certificate authority instead");
        }
        return tls;
    }
}
