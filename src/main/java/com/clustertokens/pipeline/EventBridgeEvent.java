package com.clustertokens.pipeline;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An EventBridge event as a rule delivers it; the request is its {@code detail}. Envelope fields AWS may add
 * (e.g. {@code replay-name}) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record EventBridgeEvent(String version, String id, @JsonProperty("detail-type") String detailType, String source,
        String account, String time, String region, List<String> resources, JsonNode detail) {

    static final String DETAIL_TYPE_FIELD = "detail-type";
}
