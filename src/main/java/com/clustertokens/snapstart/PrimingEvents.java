package com.clustertokens.snapstart;

import java.util.List;

/**
 * The events priming sends each function: the shapes each is deployed with (direct calls, with and without a text
 * summary; create-token's idempotent, Secrets Manager, SQS and EventBridge paths; stale-tokens' nightly Scheduled
 * Event), so every parser, branch and result type a first invocation meets has run once.
 */
final class PrimingEvents {

    static final List<String> LIST = List.of(
            "{\"limit\":1000}",
            "{\"limit\":10,\"user\":\"snapstart-priming\",\"permissions\":[\"DiagnosticExport\"],"
                    + "\"from\":\"2020-01-01T00:00:00Z\",\"to\":1900000000000,\"format\":\"text\"}");

    static final List<String> CREATE = List.of(
            "{\"name\":\"snapstart-priming\",\"scopes\":[\"DiagnosticExport\"],"
                    + "\"expiresIn\":{\"value\":1,\"unit\":\"HOURS\"}}",
            "{\"name\":\"snapstart-priming\",\"scopes\":[\"DiagnosticExport\"],\"idempotencyKey\":\"snapstart-priming\","
                    + "\"delivery\":\"secretsManager\",\"requester\":\"snapstart-priming\",\"format\":\"text\"}",
            "{\"Records\":[{\"messageId\":\"snapstart-priming\",\"eventSource\":\"aws:sqs\","
                    + "\"eventSourceARN\":\"arn:aws:sqs:us-east-1:000000000000:snapstart-priming\","
                    + "\"body\":\"{\\\"name\\\":\\\"snapstart-priming\\\",\\\"scopes\\\":[\\\"DiagnosticExport\\\"]}\"}]}",
            "{\"version\":\"0\",\"id\":\"snapstart-priming\",\"detail-type\":\"CreateClusterToken\","
                    + "\"source\":\"snapstart.priming\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":"
                    + "{\"name\":\"snapstart-priming\",\"scopes\":[\"DiagnosticExport\"]}}");

    static final List<String> STALE = List.of(
            "{\"version\":\"0\",\"id\":\"snapstart-priming\",\"detail-type\":\"Scheduled Event\","
                    + "\"source\":\"aws.events\",\"time\":\"2026-01-01T03:00:00Z\",\"resources\":[],\"detail\":{}}",
            "{\"staleAfter\":\"P30D\",\"format\":\"text\"}");

    private PrimingEvents() {
    }
}
