package com.clustertokens.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import jakarta.ws.rs.core.Response;

import com.clustertokens.cluster.TokenListReader.MalformedBodyException;
import com.clustertokens.error.AuthenticationFailedException;
import com.clustertokens.error.ClusterRejectedRequestException;
import com.clustertokens.error.ClusterUnavailableException;
import com.clustertokens.error.Quoted;
import com.clustertokens.error.RateLimitedException;
import com.clustertokens.error.TokenFunctionException;
import com.clustertokens.error.TokenNotFoundException;
import com.clustertokens.security.Secrets;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one place where cluster responses and transport failures become the exceptions callers act on. */
final class ClusterErrors {

    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_QUOTED_BODY = 120;
    /** Dynatrace's messages are a sentence; a longer one is cut, as is any constraint violation. */
    private static final int MAX_MESSAGE = 300;
    private static final int MAX_VIOLATION = 200;
    private static final int MAX_VIOLATIONS = 10;
    private static final int MAX_REASON = 60;

    private ClusterErrors() {
    }

    /**
     * A failure with what it means for a retry: whether one may help, how long the cluster asked to wait, whether the
     * request may have taken effect (it reached the cluster and no answer says it did not), and whether the cluster
     * refused the API token itself (401: nothing was executed; a rotated token may be behind it).
     */
    record Failure(TokenFunctionException exception, boolean retryable, Optional<Duration> requestedDelay,
            boolean mayHaveTakenEffect, boolean tokenRefused) {

        Failure(TokenFunctionException exception, boolean retryable) {
            this(exception, retryable, Optional.empty(), false, false);
        }
    }

    /** Maps an error status (anything but the expected success) and its ErrorEnvelope, if the body holds one. */
    static Failure fromResponse(ClusterCalls calls, String subject, Response response) {
        int status = response.getStatus();
        String body = readBody(response);
        ErrorEnvelope.Error error = parseEnvelope(calls.mapper(), body);
        String message = error != null
                ? error.message() == null ? null : Quoted.text(error.message(), MAX_MESSAGE)
                : body == null || body.isBlank()
                        ? null
                        : "the body is not Dynatrace's error JSON: \"" + sanitize(body) + "\"";
        String url = calls.connection().endpoint().toString();
        return switch (status) {
            case 400 -> new Failure(new ClusterRejectedRequestException(url, message == null
                    ? "no details given"
                    : message, violations(error)), false);
            case 401, 403 -> new Failure(new AuthenticationFailedException(url, status, message,
                    calls.apiTokens().source(calls.cluster())),
                    false, Optional.empty(), false, status == 401);
            case 404 -> new Failure(new TokenNotFoundException(url, subject, message), false);
            case 429 -> {
                Optional<Duration> delay = calls.retryPolicy().requestedDelay(response.getHeaderString("Retry-After"),
                        response.getHeaderString("X-RateLimit-Reset"));
                yield new Failure(new RateLimitedException(url, message == null ? "" : ": " + message, delay), true,
                        delay, false, false);
            }
            // A 5xx may come from a proxy after the cluster acted, and a 3xx or other code is no refusal either.
            default -> new Failure(new ClusterUnavailableException("Cluster " + url + " answered " + status + " "
                    + reason(response) + (message == null ? "" : ": " + message)),
                    RetryPolicy.isRetryableStatus(status), Optional.empty(), status >= 500 || status < 400, false);
        };
    }

    /** Each violation as {@code path: message}, bounded and masked, and how many more were left out. */
    private static List<String> violations(ErrorEnvelope.Error error) {
        List<ErrorEnvelope.ConstraintViolation> given = error == null || error.constraintViolations() == null
                ? List.of()
                : error.constraintViolations();
        List<String> shown = new ArrayList<>(given.stream().limit(MAX_VIOLATIONS)
                .map(v -> v == null ? "(empty)" : Quoted.text(v.describe(), MAX_VIOLATION)).toList());
        if (given.size() > MAX_VIOLATIONS) {
            shown.add("and " + (given.size() - MAX_VIOLATIONS) + " more");
        }
        return shown;
    }

    /**
     * Maps a failure to connect, send or receive: none of these carries an answer from the cluster. One to connect
     * means the request never left, so it certainly took no effect; any later one may have reached the cluster.
     */
    static Failure fromTransport(ClusterEndpoint endpoint, Throwable thrown, Duration connectTimeout,
            String readLimit) {
        String url = endpoint.toString();
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return transport("Could not reach cluster " + url + ": host " + endpoint.baseUri().getHost()
                        + " not found (check DT_CLUSTER_URL)", true, false);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                String what = t.getMessage() != null && t.getMessage().toLowerCase().contains("timed out")
                        ? "connection timed out after " + connectTimeout.toMillis() + " ms"
                        : "connection refused";
                return transport("Could not reach cluster " + url + ": " + what, true, false);
            }
            if (t instanceof SSLHandshakeException) {
                return transport("Could not reach cluster " + url + ": TLS handshake failed ("
                        + sanitize(rootMessage(t))
                        + "). If the cluster's certificate comes from a private certificate authority, trust it: "
                        + "set QUARKUS_TLS_CLUSTER_TRUST_STORE_PEM_CERTS to the CA's PEM file (or "
                        + "QUARKUS_TLS_CLUSTER_TRUST_STORE_P12_PATH and _PASSWORD); certificate checks stay on",
                        false, false);
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return transport("Cluster " + url + " did not answer within " + readLimit, true, true);
            }
            if (t instanceof SocketException || t instanceof IOException
                    || t.getClass().getSimpleName().equals("HttpClosedException")) {
                return transport("Connection to cluster " + url + " failed: " + sanitize(t.getMessage()), true, true);
            }
        }
        return transport("Request to cluster " + url + " failed: " + sanitize(String.valueOf(thrown.getMessage())),
                true, true);
    }

    /** Maps a success response whose body is not what the API sends. */
    static Failure fromMalformedBody(ClusterEndpoint endpoint, int status, MalformedBodyException e) {
        return new Failure(new ClusterUnavailableException("Cluster " + endpoint + " answered " + status
                + " but " + e.getMessage()), e.truncated(), Optional.empty(), true, false);
    }

    /** The same failure with a note appended to its message, keeping its kind (and a 429's requested delay). */
    static TokenFunctionException withNote(TokenFunctionException e, String note) {
        if (e instanceof RateLimitedException rateLimited) {
            return new RateLimitedException(rateLimited, note);
        }
        return new ClusterUnavailableException(e.getMessage() + note, e);
    }

    /** The innermost message: the transport's own wrappers ("Failed to create SSL connection") hide the reason. */
    private static String rootMessage(Throwable thrown) {
        String message = thrown.getMessage();
        for (Throwable t = thrown.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            message = t.getMessage() != null ? t.getMessage() : message;
        }
        return message;
    }

    private static Failure transport(String message, boolean retryable, boolean sent) {
        return new Failure(new ClusterUnavailableException(Secrets.redact(message)), retryable, Optional.empty(),
                sent, false);
    }

    private static ErrorEnvelope.Error parseEnvelope(ObjectMapper mapper, String body) {
        try {
            return body == null || body.isBlank()
                    ? null
                    : Optional.ofNullable(mapper.readValue(body, ErrorEnvelope.class)).map(ErrorEnvelope::error)
                            .orElse(null);
        } catch (IOException notAnEnvelope) {
            return null;
        }
    }

    private static String sanitize(String text) {
        return text == null ? "" : Quoted.text(text, MAX_QUOTED_BODY);
    }

    private static String reason(Response response) {
        Response.StatusType info = response.getStatusInfo();
        return info == null || info.getReasonPhrase() == null ? "" : Quoted.text(info.getReasonPhrase(), MAX_REASON);
    }

    private static String readBody(Response response) {
        try (InputStream in = response.hasEntity() ? response.readEntity(InputStream.class) : null) {
            return in == null ? null : new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
