package com.clustertokens.hygiene;

import java.util.List;

import com.clustertokens.json.Timestamp;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** The EventBridge Scheduled Event an EventBridge rule delivers; further envelope fields AWS may add are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ScheduledEvent(String version, String id, @JsonProperty("detail-type") String detailType, String source,
        String account, Timestamp time, String region, List<String> resources, JsonNode detail) {

    static final String DETAIL_TYPE_FIELD = "detail-type";
    static final String SCHEDULED = "Scheduled Event";
}
