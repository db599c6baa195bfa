package com.clustertokens.token;

import com.clustertokens.cluster.CreateToken;
import com.clustertokens.lambda.OutputFormat;

/**
 * One create, whatever triggered it: the checked body, where the secret goes, the idempotency key (null: not
 * deduplicated), who asked (for the secret's tags), the output format and the trigger (for logs).
 */
public record CreationRequest(CreateToken body, Delivery delivery, String idempotencyKey, String requester,
        OutputFormat format, String trigger) {
}
