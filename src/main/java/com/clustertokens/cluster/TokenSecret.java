package com.clustertokens.cluster;

import com.clustertokens.security.Secrets;

/** The Token object the cluster returns on create: the secret itself. Never logged; toString shows the identifier. */
public record TokenSecret(String token) {

    @Override
    public String toString() {
        return "TokenSecret[" + Secrets.identifier(token) + "]";
    }
}
