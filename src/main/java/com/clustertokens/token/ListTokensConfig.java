package com.clustertokens.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of list-tokens. */
@ConfigMapping(prefix = "list-tokens")
public interface ListTokensConfig {

    /** Largest response list-tokens returns, kept under Lambda's 6 MB synchronous payload limit (LIST_TOKENS_MAX_RESPONSE_BYTES). */
    @WithDefault("5800000")
    int maxResponseBytes();
}
