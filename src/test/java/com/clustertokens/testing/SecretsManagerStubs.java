package com.clustertokens.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Secrets Manager's GetSecretValue as a WireMock stand-in answers it, in the AWS JSON 1.1 protocol. */
public final class SecretsManagerStubs {

    private static final String TARGET = "secretsmanager.GetSecretValue";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private SecretsManagerStubs() {
    }

    /** The secret {@code arn} (named {@code name}) holds {@code value}. */
    public static void secretValue(WireMockServer aws, String arn, String name, String value) {
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", CONTENT_TYPE)
                        .withBody("{\"ARN\":\"" + arn + "\",\"Name\":\"" + name + "\",\"SecretString\":\"" + value
                                + "\",\"VersionId\":\"v1\"}")));
    }

    /** Every secret read answers ResourceNotFoundException, with the message under {@code messageField}. */
    public static void noSuchSecret(WireMockServer aws, String messageField) {
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", CONTENT_TYPE)
                        .withBody("{\"__type\":\"ResourceNotFoundException\",\"" + messageField
                                + "\":\"Secrets Manager can't find the specified secret.\"}")));
    }

    /** The GetSecretValue requests the stand-in received. */
    public static List<LoggedRequest> secretReads(WireMockServer aws) {
        return aws.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)));
    }
}
