package com.clustertokens.lambda;

/**
 * Who sent a request from a pipeline: {@code trigger} names it in logs ("SQS message …", "EventBridge event … from
 * …"), {@code id} is the message's or event's id, {@code source} the queue's ARN or the event's source.
 */
public record PipelineSender(String trigger, String id, String source) {
}
