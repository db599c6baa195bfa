package com.clustertokens.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of the list response (the API's EntityShortRepresentation): id, name, optional description. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenStub(String id, String name, String description) {
}
