package com.clustertokens.remediation;

import java.util.List;

import com.clustertokens.lambda.OutputFormat;
import com.clustertokens.lambda.Timestamp;

/**
 * Input of remediate-tokens, every field optional: {@code cluster} (a fleet registry name; the deployment's cluster
 * when absent), {@code apply} (act on the plan; only where REMEDIATION_MODE is apply), {@code now} (a plan's
 * reference time, to preview a later day; refused with apply, which acts at the real time), {@code exclude} (name
 * patterns kept out besides the policy's), {@code scheduledTime} (a schedule's time: the run's identity) and
 * {@code format} (the result always carries its chat summary).
 */
public record RemediateTokensRequest(String cluster, Boolean apply, Timestamp now, List<String> exclude,
        Timestamp scheduledTime, OutputFormat format) {
}
