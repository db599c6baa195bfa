package com.clustertokens.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.TokenListReader.MalformedBodyException;
import com.clustertokens.error.ClusterUnavailableException;
import com.clustertokens.lambda.Deadline;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends calls to the cluster for one invocation: one attempt, sent again once with a re-read API token when the
 * cluster refuses a rotated one; reads retried with back-off while the invocation's deadline allows; the rest sent
 * once. No attempt waits past the deadline, on whichever thread: its timeouts are cut to the time left.
 */
record ClusterCalls(ClusterConnection connection, RegisteredCluster cluster, ApiTokenSource apiTokens,
        ObjectMapper mapper, RetryPolicy retryPolicy, Deadline deadline) {

    // The client's category, where operators already look for its retries.
    private static final Logger LOG = Logger.getLogger(ClusterTokenClient.class);

    /**
     * Sends an idempotent call, again on a retryable failure after a back-off (or the delay the cluster asked for),
     * while the attempts allowed and the invocation's deadline leave room for one more.
     */
    <R> R withRetries(String operation, BiFunction<ClusterTokenApi, String, R> call) {
        connection.open();
        for (int attempt = 1;; attempt++) {
            if (deadline.passed()) {
                throw new ClusterUnavailableException(operation + ": not sent, the invocation's time ("
                        + deadline.given() + ") is used up" + (attempt == 1
                                ? ""
                                : " after " + (attempt - 1)
                                        + " attempts"));
            }
            ClusterErrors.Failure failure;
            try {
                return attempt(Duration.ZERO, call);
            } catch (Failed failed) {
                failure = failed.failure;
            }
            if (!failure.retryable() || Thread.currentThread().isInterrupted()) {
                // Interrupted: the task was cancelled, and no one waits for a result any more.
                throw failure.exception();
            }
            if (attempt >= retryPolicy.maxAttempts()) {
                throw ClusterErrors.withNote(failure.exception(), " (gave up after " + attempt + " attempts)");
            }
            Duration wait = failure.requestedDelay().isPresent()
                    ? failure.requestedDelay().get()
                    : retryPolicy.backoff(attempt);
            if (wait.compareTo(retryPolicy.maxBackoff()) > 0) {
                // Waiting less than the cluster asked would only earn another 429: report it instead.
                throw failure.exception();
            }
            // The wait and a whole further attempt (up to the read timeout) must end before the deadline, or Lambda
            // would cut the invocation off mid-retry and the caller would learn nothing.
            Duration needed = wait.plus(connection.readTimeout());
            Duration left = deadline.timeLeft().orElse(needed);
            if (needed.compareTo(left) > 0) {
                throw ClusterErrors.withNote(failure.exception(), "; stopped retrying after " + attempt
                        + (attempt == 1 ? " attempt" : " attempts") + " to report before the invocation deadline ("
                        + left.toMillis() + " ms left of " + deadline.given() + "; a retry needs up to " + needed
                                .toMillis() + " ms)");
            }
            LOG.warnf("%s: %s; attempt %d of %d, retrying in %d ms", operation, failure.exception().getMessage(),
                    attempt, retryPolicy.maxAttempts(), wait.toMillis());
            sleep(wait);
        }
    }

    /** Sends a call once (plus the resend after a refused, rotated API token); its failure thrown as mapped. */
    <R> R once(BiFunction<ClusterTokenApi, String, R> call) {
        connection.open();
        try {
            return attempt(Duration.ZERO, call);
        } catch (Failed failed) {
            throw failed.failure.exception();
        }
    }

    /**
     * The answer of a call that expects {@code expectedStatus}, its body read by {@code reader} (null: none is read);
     * an unreadable one fails the attempt.
     */
    <T> T answer(Response response, int expectedStatus, String subject, Function<InputStream, T> reader) {
        try (response) {
            expect(response, expectedStatus, subject);
            if (reader == null) {
                return null;
            }
            InputStream in = response.readEntity(InputStream.class);
            return reader.apply(in == null ? InputStream.nullInputStream() : in);
        } catch (MalformedBodyException e) {
            throw malformed(expectedStatus, e);
        }
    }

    <T> Function<InputStream, T> json(Class<T> type) {
        return in -> {
            try (in) {
                return mapper.readValue(in, type);
            } catch (IOException e) {
                throw MalformedBodyException.from(e);
            }
        };
    }

    /**
     * One attempt; when the cluster refuses the API token (401) and a fresh read of it finds a rotated value, one
     * more with that value: a 401 means nothing was executed, so even a create may be sent again. Each ends
     * {@code keep} before the invocation's deadline at the latest: its timeouts are cut to what is left. A failure
     * is thrown as {@link Failed}.
     */
    <R> R attempt(Duration keep, BiFunction<ClusterTokenApi, String, R> call) {
        try {
            return attemptOnce(keep, call);
        } catch (Failed failed) {
            if (!failed.failure.tokenRefused() || !apiTokens.refresh(cluster, deadline)) {
                throw failed;
            }
            LOG.info("The cluster refused the cached API token; read it again and found a new value (rotated): "
                    + "sending once more");
            return attemptOnce(keep, call);
        }
    }

    private <R> R attemptOnce(Duration keep, BiFunction<ClusterTokenApi, String, R> call) {
        ClusterConnection.CallClient client = connection.forCall(deadline, keep);
        try {
            // Read per attempt: the resend after a 401 must carry the re-read token.
            return call.apply(client.api(), "Api-Token " + apiTokens.token(cluster, deadline));
        } catch (ProcessingException e) {
            if (e.getCause() instanceof InterruptedException) {
                // The client clears the interrupt it turns into this exception; the retry loop must still see it.
                Thread.currentThread().interrupt();
            }
            long read = client.readTimeout().toMillis();
            String limit = client.cut()
                    ? "the " + read + " ms the invocation had left (" + deadline.given() + "; DT_READ_TIMEOUT "
                            + connection.readTimeout().toMillis() + " ms)"
                    : "the read timeout of " + read + " ms";
            throw new Failed(ClusterErrors.fromTransport(connection.endpoint(), e, client.connectTimeout(), limit));
        }
    }

    /** Fails the attempt unless the cluster answered {@code expectedStatus}; {@code subject} names what was asked. */
    private void expect(Response response, int expectedStatus, String subject) {
        int status = response.getStatus();
        if (status != expectedStatus && status / 100 == 2) {
            // Another success status is not the API's answer: the request may have taken effect, so say so.
            throw malformed(status, new MalformedBodyException(
                    "the API answers " + expectedStatus + " here; the request may or may not have taken effect"));
        }
        if (status != expectedStatus) {
            throw new Failed(ClusterErrors.fromResponse(this, subject, response));
        }
    }

    /** To throw from a call whose {@code status} answer holds a body that is not what the API sends. */
    RuntimeException malformed(int status, MalformedBodyException e) {
        return new Failed(ClusterErrors.fromMalformedBody(connection.endpoint(), status, e));
    }

    private void sleep(Duration wait) {
        try {
            deadline.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("Interrupted while waiting to retry");
        }
    }

    /** Carries a mapped failure out of an attempt, so the retry loop (or a create) decides in one place. */
    static final class Failed extends RuntimeException {
        final transient ClusterErrors.Failure failure;

        Failed(ClusterErrors.Failure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
