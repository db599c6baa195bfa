package com.clustertokens.hygiene;

/** One sink could not deliver; the message is safe to show (no webhook URL, no secret). */
final class SinkFailure extends RuntimeException {

    SinkFailure(String message) {
        super(message, null, false, false);
    }
}
