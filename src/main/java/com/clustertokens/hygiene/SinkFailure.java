package com.clustertokens.hygiene;

/**
 * One sink could not deliver; the message is safe to show (no webhook URL, no secret). {@code mayHaveDelivered}: the
 * request left and its answer was lost (a timeout, a dropped connection), so the sink may have the report.
 */
final class SinkFailure extends RuntimeException {

    private final boolean mayHaveDelivered;

    SinkFailure(String message, boolean mayHaveDelivered) {
        super(message, null, false, false);
        this.mayHaveDelivered = mayHaveDelivered;
    }

    /** A failure before anything was sent, or an answer that says it was refused. */
    SinkFailure(String message) {
        this(message, false);
    }

    boolean mayHaveDelivered() {
        return mayHaveDelivered;
    }
}
