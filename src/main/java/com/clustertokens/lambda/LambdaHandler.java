package com.clustertokens.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.clustertokens.logging.LogFields;

import com.amazonaws.services.lambda.runtime.Context;

import io.quarkus.funqy.lambda.FunqyStreamHandler;

/**
 * The Lambda handler of every function: Funqy's, with Lambda's request id on each log line of the invocation
 * (field {@value #REQUEST_ID}), which Funqy's binding does not pass on to the function.
 */
public class LambdaHandler extends FunqyStreamHandler {

    /** The log field holding Lambda's request id. */
    public static final String REQUEST_ID = "requestId";

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (context != null && context.getAwsRequestId() != null) {
            LogFields.put(REQUEST_ID, context.getAwsRequestId());
        }
        try {
            super.handleRequest(input, output, context);
        } finally {
            LogFields.remove(REQUEST_ID);
        }
    }
}
