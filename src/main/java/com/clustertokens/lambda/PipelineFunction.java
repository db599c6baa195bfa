package com.clustertokens.lambda;

import java.time.Duration;

import com.clustertokens.error.CreateOutcomeUnknownException;
import com.clustertokens.error.TokenFunctionException;

/**
 * What a function that pipelines invoke gives {@link PipelineTriggers}: how to read and run one request, how long one
 * may take, and what to say (and count) about its outcome. {@code Q} is the request, {@code R} its result.
 */
public interface PipelineFunction<Q, R> {

    /** The function's name in messages ("the create-token request as JSON text"). */
    String name();

    Class<Q> requestType();

    /** Runs one request; {@code sender} is null for a direct invocation, whose caller reads the result. */
    R run(Q request, PipelineSender sender);

    /** The longest one request can take: an SQS message with less time left is not started. */
    Duration perMessage();

    /** The settings {@link #perMessage()} is made of, for the log line of the messages not started. */
    String perMessageSettings();

    /** One message's result for its log line (ids, identifiers, ARNs: never a secret). */
    String describe(R result);

    /** Called once for each request that succeeded (a direct one, an event, each message). */
    default void succeeded(R result) {
    }

    /** Called once for each request that failed, and once for an event or batch refused as a whole. */
    default void failed(RuntimeException failure) {
    }

    /** Whether SQS delivering a failed message again may succeed: it failed for now, or its outcome is unknown. */
    default boolean retried(RuntimeException failure) {
        Throwable cause = PipelineTriggers.cause(failure);
        return cause instanceof CreateOutcomeUnknownException
                || cause instanceof TokenFunctionException known && known.isTransient();
    }
}
