package com.clustertokens.cluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The API's TokenMetadata. Scopes stay strings: a cluster may grant scopes newer than this code, and a response
 * must still parse. {@code expires} and {@code lastUse} are epoch milliseconds, null when there is none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenMetadata(String id, String name, String userId, boolean revoked, Long created, Long expires,
        Long lastUse, List<String> scopes, boolean personalAccessToken) {
}
