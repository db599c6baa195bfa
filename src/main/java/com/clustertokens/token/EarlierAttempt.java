package com.clustertokens.token;

import java.time.Instant;

/** An earlier attempt of a request whose create may have taken effect between {@code from} and {@code to}. */
public record EarlierAttempt(Instant from, Instant to) {
}
