package com.clustertokens.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.clustertokens.logging.LogFields;

import com.amazonaws.services.lambda.runtime.Context;

import io.quarkus.funqy.lambda.FunqyLambdaBindingRecorder;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import io.quarkus.runtime.Quarkus;

/**
 * The Lambda handler of every function: Funqy's, with what only the handler receives of Lambda's Context passed on
 * to the function, which Funqy's binding does not: the request id on each log line of the invocation (field
 * {@value #REQUEST_ID}) and the remaining time, the invocation's deadline ({@link InvocationDeadline}).
 */
public class LambdaHandler extends FunqyStreamHandler {

    public static final String REQUEST_ID = "requestId";

    /**
     * The Context of the invocation running on this thread, for {@link InvocationDeadline} to read once: Funqy passes
     * a function no Context, and opens the invocation's request context only within its dispatch.
     */
    static final ThreadLocal<Context> ARRIVED = new ThreadLocal<>();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Quarkus.manualStart();
        handle(input, output, context);
    }

    /** Funqy's dispatch, as its own handler does it once Quarkus has started, with {@code context} handed on. */
    static void handle(InputStream input, OutputStream output, Context context) throws IOException {
        if (context != null && context.getAwsRequestId() != null) {
            LogFields.put(REQUEST_ID, context.getAwsRequestId());
        }
        ARRIVED.set(context);
        try {
            FunqyLambdaBindingRecorder.handle(input, output, context);
        } finally {
            LogFields.put(REQUEST_ID, null);
            ARRIVED.remove();
        }
    }
}
