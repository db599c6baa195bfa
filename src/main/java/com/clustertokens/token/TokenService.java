package com.clustertokens.token;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.cluster.ClusterTokenClient;
import com.clustertokens.cluster.CreateToken;
import com.clustertokens.cluster.ListQuery;
import com.clustertokens.cluster.TokenSecret;
import com.clustertokens.cluster.TokenStub;
import com.clustertokens.json.JsonSize;
import com.clustertokens.security.Secrets;

/** Creates and lists cluster tokens: validates first, then calls the cluster. */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);

    /** Bytes of {@code {"values":[],"totalCount":…,"truncated":…}} around the entries, rounded up. */
    private static final int ENVELOPE_BYTES = 64;

    private final ClusterTokenClient cluster;
    private final ListTokensConfig listConfig;

    public TokenService(ClusterTokenClient cluster, ListTokensConfig listConfig) {
        this.cluster = cluster;
        this.listConfig = listConfig;
    }

    /** Creates the token; the secret is returned to the caller and never logged. */
    public CreatedToken create(CreateToken request) {
        TokenValidation.checkCreate(request);
        TokenSecret secret = cluster.create(request);
        String identifier = Secrets.identifierOrNull(secret.token());
        LOG.infof("Created token '%s' (%s) with scopes %s", request.name(), Secrets.identifier(secret.token()),
                request.scopes());
        return new CreatedToken(secret.token(), identifier, request.name());
    }

    /** Lists tokens; entries past the response size limit are counted but not returned. */
    public TokenList list(ListTokensRequest request) {
        ListQuery query = TokenValidation.checkList(request);
        return cluster.list(query, this::collectWithinLimit);
    }

    private TokenList collectWithinLimit(Stream<TokenStub> entries) {
        long budget = listConfig.maxResponseBytes() - ENVELOPE_BYTES;
        List<TokenStub> kept = new ArrayList<>();
        long used = 0;
        long total = 0;
        boolean full = false;
        for (var it = entries.iterator(); it.hasNext();) {
            TokenStub entry = it.next();
            total++;
            if (full) {
                continue; // past the cap entries are only counted: sizing ~930,000 more of them cost ~20% of a call
            }
            long size = JsonSize.of(entry) + 1; // the comma
            full = used + size > budget;
            if (!full) {
                kept.add(entry);
                used += size;
            }
        }
        return new TokenList(kept, total, full);
    }
}
