package com.clustertokens.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.clustertokens.logging.LogFields;

import com.amazonaws.services.lambda.runtime.Context;

import io.quarkus.funqy.lambda.FunqyStreamHandler;

/**
 * The Lambda handler of every function: Funqy's, with what only the handler receives of Lambda's Context passed on
 * to the function, which Funqy's binding does not: the request id on each log line of the invocation (field
 * {@value #REQUEST_ID}) and the remaining time, the invocation's deadline ({@link InvocationDeadline}).
 */
public class LambdaHandler extends FunqyStreamHandler {

    /** The log field holding Lambda's request id. */
    public static final String REQUEST_ID = "requestId";

    /** Funqy's handling of one invocation, which may fail as reading or writing a stream does. */
    @FunctionalInterface
    interface Dispatch {
        void run() throws IOException;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        within(context, () -> super.handleRequest(input, output, context));
    }

    /**
     * Runs {@code dispatch} with {@code context} handed on to the invocation on this thread, and nothing of it left
     * there afterwards.
     */
    static void within(Context context, Dispatch dispatch) throws IOException {
        if (context != null && context.getAwsRequestId() != null) {
            LogFields.put(REQUEST_ID, context.getAwsRequestId());
        }
        InvocationDeadline.arrived(context);
        try {
            dispatch.run();
        } finally {
            LogFields.remove(REQUEST_ID);
            InvocationDeadline.left();
        }
    }
}
