package com.clustertokens.hygiene.delivery;

import java.util.Map;

import com.clustertokens.testing.WireMockResource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * WireMock standing in for SNS, Secrets Manager (both at {@code /}, told apart by protocol) and a Slack webhook
 * (at {@link #WEBHOOK_PATH}). The fake keys are stand-in credentials, which AwsClients accepts only with an
 * endpoint override.
 */
public class AwsStandInResource extends WireMockResource {

    public static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:token-hygiene";
    public static final String WEBHOOK_PATH = "/services/T0000/B0000/WEBHOOKSECRETPATH";

    @Override
    protected WireMockConfiguration options() {
        return WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1");
    }

    @Override
    protected Map<String, String> config(WireMockServer server) {
        return Map.of("aws.endpoint-url", server.baseUrl(), "aws.region", "eu-west-1",
                "aws.stand-in-credentials.access-key-id", "AKIDTESTSTANDIN",
                "aws.stand-in-credentials.secret-access-key", "test-secret-access-key",
                "hygiene.sns-topic-arn", TOPIC_ARN,
                "hygiene.slack-webhook-url", server.baseUrl() + WEBHOOK_PATH);
    }
}
