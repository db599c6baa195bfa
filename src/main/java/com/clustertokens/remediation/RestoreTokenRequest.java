package com.clustertokens.remediation;

import com.clustertokens.lambda.OutputFormat;

/**
 * Input of restore-token: {@code cluster} (a fleet registry name, optional), {@code token} (required: the id, as the
 * chat summary shows it, or on clusters whose ids are identifiers the identifier {@code dt0c01.<public>}; never the
 * secret), {@code holdFor} (how long it stays out of plans: a stale period such as {@code P30D}; default
 * REMEDIATION_RESTORE_HOLD), {@code requester} (who asks, recorded in the ledger) and {@code format}.
 */
public record RestoreTokenRequest(String cluster, String token, String holdFor, String requester,
        OutputFormat format) {
}
