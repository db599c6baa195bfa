package com.clustertokens.error;

/**
 * One delivery sink could not deliver; the message is safe to show (no webhook URL, no secret). Never reaches a
 * caller by itself: the sinks' failures are reported together as a {@link DeliveryFailedException}.
 * {@code mayHaveDelivered}: the request left and its answer was lost (a timeout, a dropped connection), so the sink
 * may have the report.
 */
public final class SinkFailedException extends RuntimeException {

    private final boolean mayHaveDelivered;

    public SinkFailedException(String message, boolean mayHaveDelivered) {
        super(message, null, false, false);
        this.mayHaveDelivered = mayHaveDelivered;
    }

    public SinkFailedException(String message) {
        this(message, false);
    }

    public boolean mayHaveDelivered() {
        return mayHaveDelivered;
    }
}
