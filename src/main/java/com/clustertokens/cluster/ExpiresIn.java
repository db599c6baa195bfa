package com.clustertokens.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The API's Duration object: how long a new token lives; {@code unit} absent means milliseconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpiresIn(Long value, ExpiryUnit unit) {
}
