package com.clustertokens.lambda;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An EventBridge event as a rule or a schedule delivers it: the envelope, and the payload in {@code detail}.
 * Envelope fields AWS may add (e.g. {@code replay-name}) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventBridgeEvent(String version, String id, @JsonProperty("detail-type") String detailType,
        String source, String account, Timestamp time, String region, List<String> resources, JsonNode detail) {

    /** The detail-type of the events an EventBridge schedule rule sends. */
    public static final String SCHEDULED = "Scheduled Event";

    /** Whether {@code input} is an EventBridge envelope rather than a request of its own. */
    public static boolean isEnvelope(JsonNode input) {
        return input != null && input.isObject() && input.has("detail-type");
    }
}
