package com.clustertokens.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.clustertokens.error.InvalidInputException;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SqsBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message as Lambda's event source mapping sends it (AWS's sample event), with every field AWS adds. */
    private static final String EVENT = """
            {"Records": [{
              "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
              "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
              "body": "{\\"name\\":\\"ci-deploy\\",\\"scopes\\":[\\"settings.read\\"]}",
              "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO", "ApproximateFirstReceiveTimestamp": "1545082649185"},
              "messageAttributes": {"origin": {"stringValue": "pipeline", "binaryValue": "cGlwZWxpbmU=",
                "stringListValues": [], "binaryListValues": [], "dataType": "String"}},
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:cluster-tokens-CreateTokenQueue",
              "awsRegion": "eu-west-1",
              "someFieldAwsAddsLater": true
            }]}""";

    @Test
    void readsEveryMessageByLambdasOwnFieldNames() throws Exception {
        JsonNode event = JSON.readTree(EVENT);

        assertThat(SqsBatch.is(event)).isTrue();
        List<SQSMessage> messages = SqsBatch.messages(event);

        assertThat(messages).hasSize(1);
        SQSMessage message = messages.get(0);
        assertThat(message.getMessageId()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(message.getEventSource()).isEqualTo(SqsBatch.SOURCE);
        assertThat(message.getEventSourceArn())
                .isEqualTo("arn:aws:sqs:eu-west-1:123456789012:cluster-tokens-CreateTokenQueue");
        assertThat(JSON.readTree(message.getBody()))
                .isEqualTo(JSON.readTree("{\"name\":\"ci-deploy\",\"scopes\":[\"settings.read\"]}"));
    }

    @Test
    void takesARequestOfItsOwnForNoBatch() throws Exception {
        assertThat(SqsBatch.is(JSON.readTree("{\"name\":\"ci-deploy\",\"scopes\":[\"settings.read\"]}"))).isFalse();
        assertThat(SqsBatch.is(JSON.readTree("[{\"Records\":[]}]"))).isFalse();
        assertThat(SqsBatch.is(null)).isFalse();
    }

    @Test
    void refusesRecordsThatAreNoList() throws Exception {
        assertThatThrownBy(() -> SqsBatch.messages(JSON.readTree("{\"Records\":{\"messageId\":\"m-1\"}}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid request: Records: expected a list of SQS messages");
    }

    @Test
    void refusesAMessageThatIsNoObjectOfTextFieldsNamingThem() throws Exception {
        assertThatThrownBy(() -> SqsBatch.messages(JSON.readTree("{\"Records\":[\"m-1\"]}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid request: Records: every SQS message must be an object with text fields "
                        + "messageId, eventSource, eventSourceARN and body");
        assertThatThrownBy(() -> SqsBatch.messages(JSON.readTree("{\"Records\":[{\"messageId\":\"m-1\",\"body\":"
                + "{\"name\":\"x\"}}]}"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Records: every SQS message must be an object with text fields");
    }

    @Test
    void keepsAMissingMessageInPlaceForTheCallerToRefuseByIndex() throws Exception {
        List<SQSMessage> messages = SqsBatch.messages(JSON.readTree("{\"Records\":[null,{\"messageId\":\"m-2\"}]}"));

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).isNull();
        assertThat(messages.get(1).getMessageId()).isEqualTo("m-2");
    }
}
