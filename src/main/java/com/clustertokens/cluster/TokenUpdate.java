package com.clustertokens.cluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code PUT /tokens/{id}}: each field is optional; scopes replace the whole list. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenUpdate(Boolean revoked, String name, List<TokenScope> scopes) {

    public static TokenUpdate revoke() {
        return new TokenUpdate(true, null, null);
    }

    public static TokenUpdate unrevoke() {
        return new TokenUpdate(false, null, null);
    }
}
