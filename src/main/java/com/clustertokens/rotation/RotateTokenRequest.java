package com.clustertokens.rotation;

import com.clustertokens.cluster.ExpiresIn;
import com.clustertokens.lambda.OutputFormat;
import com.clustertokens.token.Delivery;

/**
 * Input of rotate-token: {@code token} (required: the id, or on clusters whose ids are identifiers
 * {@code dt0c01.<public>}; never the secret), and, optional, {@code cluster} (a fleet registry name), {@code grace}
 * (how long the old token stays valid: a stale period, default ROTATION_GRACE), {@code expiresIn} (create-token's
 * form; default the old token's lifetime, none if it never expires), {@code delivery} (default secretsManager),
 * {@code idempotencyKey} (default derived from the cluster and the old token), {@code requester}, {@code format}.
 */
public record RotateTokenRequest(String token, String cluster, String grace, ExpiresIn expiresIn, Delivery delivery,
        String idempotencyKey, String requester, OutputFormat format) {
}
