package com.clustertokens.token;

/**
 * What invoked create-token: {@code trigger} names it in logs ("direct", "SQS message …", "EventBridge event …");
 * {@code defaultKey} and {@code defaultRequester} apply when the request gives none (a message's id, a queue's ARN);
 * a {@code pipeline} request's secret is always stored, as nobody reads the function's result.
 */
public record Origin(String trigger, String defaultKey, String defaultRequester, boolean pipeline) {

    /** A direct invocation: no defaults, the caller reads the result. */
    public static Origin direct() {
        return new Origin("direct invocation", null, null, false);
    }
}
