package com.clustertokens.token;

import java.util.LinkedHashMap;
import java.util.Map;

import com.clustertokens.error.CreateOutcomeUnknownException;
import com.clustertokens.error.TokenFunctionException;
import com.clustertokens.lambda.PipelineTriggers;
import com.clustertokens.logging.EmbeddedMetrics;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What became of one create-token request (a direct call, an EventBridge event, an SQS message; a whole SQS batch
 * refused before any message), as one CloudWatch Embedded Metric Format line without dimension: 1 for its outcome,
 * 0 for the others, so a sum counts each outcome and a sample count the requests.
 */
public final class CreateTokenMetrics {

    static final String NAMESPACE = "ClusterTokenCreate";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcomes, each with its metric name. */
    public enum Outcome {
        /** A token was created. */
        CREATED("CreatedTokens"),
        /** The request was fulfilled before; its earlier result was returned and nothing created. */
        REPEATED("RepeatedRequests"),
        /** Refused for good (invalid input, the cluster's 400, configuration): it fails again unchanged. */
        REFUSED("RefusedRequests"),
        /** Failed for now (the cluster or AWS unavailable, the request in progress); a retry may succeed. */
        TRANSIENT("TransientFailures"),
        /** The create may have happened: a retry of the same request finds out, and never creates a second token. */
        UNKNOWN("UnknownOutcomes"),
        /** An error no failure kind names (a defect, an answer nothing foresaw). */
        FAILED("FailedRequests");

        private final String metric;

        Outcome(String metric) {
            this.metric = metric;
        }

        public String metric() {
            return metric;
        }

        static Outcome of(CreatedToken created) {
            return Boolean.TRUE.equals(created.repeated()) ? REPEATED : CREATED;
        }

        /** Whether a retry of the request may succeed (SQS delivers it again). */
        boolean retried() {
            return this == TRANSIENT || this == UNKNOWN;
        }

        static Outcome of(RuntimeException failure) {
            Throwable cause = PipelineTriggers.cause(failure);
            if (cause instanceof CreateOutcomeUnknownException) {
                return UNKNOWN;
            }
            if (cause instanceof TokenFunctionException known) {
                return known.isTransient() ? TRANSIENT : REFUSED;
            }
            return FAILED;
        }
    }

    private CreateTokenMetrics() {
    }

    /** The line for one request that ended as {@code outcome}, at {@code timestampMillis}. */
    public static String line(Outcome outcome, long timestampMillis) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Outcome each : Outcome.values()) {
            values.put(each.metric(), each == outcome ? 1L : 0L);
        }
        return EmbeddedMetrics.line(JSON, NAMESPACE, Map.of(), values, timestampMillis);
    }

    static void print(Outcome outcome) {
        EmbeddedMetrics.print(line(outcome, System.currentTimeMillis()));
    }
}
