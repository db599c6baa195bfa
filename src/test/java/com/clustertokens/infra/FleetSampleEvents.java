package com.clustertokens.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the fleet samples of infra/events. */
final class FleetSampleEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private FleetSampleEvents() {
    }

    static JsonNode direct(String function) throws Exception {
        return JSON.readTree(SampleEvents.read(SampleEvents.DIR.resolve(function + ".direct.json")));
    }
}
