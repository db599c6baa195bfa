package com.clustertokens.cluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The CreateToken body of {@code POST /api/cluster/v2/tokens}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateToken(String name, List<TokenScope> scopes, ExpiresIn expiresIn) {
}
