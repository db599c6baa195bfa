package com.clustertokens.testing;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.funqy.lambda.FunqyRequestImpl;
import io.quarkus.funqy.lambda.FunqyResponseImpl;
import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.funqy.runtime.RequestContextImpl;

/**
 * Invokes any function of the running application the way Funqy's Lambda binding does: the event read by the
 * function's own reader, Funqy's invoker, a fresh request context on a thread of its own, and the error reported
 * as the Lambda runtime reports it ({@code errorMessage} = the thrown exception's message). One test application
 * can so cover every function, where {@link Lambda} reaches only the exported one.
 */
public final class Functions {

    private static final ExecutorService INVOCATIONS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "test-invocation");
        thread.setDaemon(true);
        return thread;
    });
    private static final ObjectMapper JSON = new ObjectMapper();

    private Functions() {
    }

    /** What the caller of an invocation sees: the response JSON, or the error message. */
    public record Result(boolean succeeded, String json, String errorMessage) {

        @Override
        public String toString() {
            // Never the JSON: a create's response holds a secret.
            return succeeded ? "success" : "failure: " + errorMessage;
        }
    }

    /** Invokes the function named {@code function} with the event {@code eventJson}. */
    public static Result invoke(String function, String eventJson) {
        FunctionInvoker invoker = FunctionRecorder.registry.matchInvoker(function);
        if (invoker == null) {
            throw new IllegalArgumentException("no function " + function);
        }
        ObjectReader reader = (ObjectReader) invoker.getBindingContext().get(ObjectReader.class.getName());
        ObjectWriter writer = (ObjectWriter) invoker.getBindingContext().get(ObjectWriter.class.getName());
        return inInvocation(() -> {
            Object input = reader.readValue(eventJson);
            FunqyResponseImpl response = new FunqyResponseImpl();
            invoker.invoke(new FunqyRequestImpl(new RequestContextImpl(), input), response);
            Object output = response.getOutput().await().indefinitely();
            return output == null ? null : writer.writeValueAsString(output);
        });
    }

    /**
     * Runs {@code call} (a direct use of a bean, such as the cluster client) as an invocation would; a thrown
     * exception is reported as Funqy reports a function's, by its {@code toString()}.
     */
    public static Result call(Supplier<?> call) {
        return inInvocation(() -> {
            Object output;
            try {
                output = call.get();
            } catch (RuntimeException e) {
                throw new RuntimeException(e);
            }
            return output == null ? null : JSON.writeValueAsString(output);
        });
    }

    @FunctionalInterface
    private interface Body {
        String run() throws Exception;
    }

    private static Result inInvocation(Body body) {
        try {
            return INVOCATIONS.submit(() -> {
                ManagedContext requestContext = Arc.container().requestContext();
                requestContext.activate();
                try {
                    return new Result(true, body.run(), null);
                } catch (Exception e) {
                    // As AbstractLambdaPollLoop reports it: FunctionError(type, e.getMessage()).
                    return new Result(false, null, String.valueOf(e.getMessage()));
                } finally {
                    requestContext.terminate();
                }
            }).get();
        } catch (ExecutionException e) {
            // An Error (StackOverflowError, ...) would kill Lambda's poll thread: report it unmistakably.
            return new Result(false, null, "UNHANDLED " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
