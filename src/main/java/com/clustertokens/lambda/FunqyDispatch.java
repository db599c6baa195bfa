package com.clustertokens.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

import com.clustertokens.error.InvalidInputException;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.quarkus.funqy.lambda.FunqyRequestImpl;
import io.quarkus.funqy.lambda.FunqyResponseImpl;
import io.quarkus.funqy.runtime.FunctionConstructor;
import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.funqy.runtime.RequestContextImpl;

/**
 * Funqy's Lambda dispatch, for SnapStart priming: a function's calls go through Funqy's invoker and the Jackson reader and writer
 * the Lambda binding made for its input and output types, with priming's own instance of the function as the target,
 * so they reach only the stand-in. The handler itself ({@link LambdaHandler}, the request context, the application's
 * function bean and its interceptor) is primed with an event the exported function refuses before it reads anything,
 * which no client sees.
 */
public final class FunqyDispatch {

    /** Refused by every function's strict reader as an unknown field, before any setting, cluster or AWS is read. */
    public static final String REFUSED = "{\"snapstart-priming\":\"dispatch\"}";

    /** A Lambda Context with what the handler reads of one: a request id and the time left. */
    private static final Context CONTEXT = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(),
            new Class<?>[]{Context.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getAwsRequestId", "toString" -> "snapstart-priming";
                case "getRemainingTimeInMillis" -> 60_000;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> null;
            });

    private final FunctionInvoker invoker;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    /** The dispatch of the Funqy function {@code name} to {@code target}, priming's instance of its class. */
    public FunqyDispatch(String name, Object target) {
        FunctionInvoker registered = FunctionRecorder.registry.matchInvoker(name);
        reader = (ObjectReader) registered.getBindingContext().get(ObjectReader.class.getName());
        writer = (ObjectWriter) registered.getBindingContext().get(ObjectWriter.class.getName());
        invoker = new Bound(registered, target);
    }

    /** One call as the Lambda binding makes it: the event read, the function invoked, its result written. */
    public byte[] call(String event) throws IOException {
        FunqyResponseImpl response = new FunqyResponseImpl();
        invoker.invoke(new FunqyRequestImpl(new RequestContextImpl(), reader.readValue(event)), response);
        return writer.writeValueAsBytes(response.getOutput().await().indefinitely());
    }

    /**
     * {@link #REFUSED} through the application's own handler; true when the exported function refused it as input
     * (anything else is an error: the exported function did not see it, or did more than refuse it).
     */
    public static boolean refusedByHandler() throws IOException {
        try {
            LambdaHandler.handle(new ByteArrayInputStream(REFUSED.getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), CONTEXT);
            return false;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof InvalidInputException) {
                return true;
            }
            throw e;
        }
    }

    /** Funqy's invoker of the registered function's method, on {@code target} instead of the application's bean. */
    private static final class Bound extends FunctionInvoker {

        @SuppressWarnings({"rawtypes", "unchecked"})
        Bound(FunctionInvoker registered, Object target) {
            super(registered.getName(), registered.getTargetClass(), registered.getMethod());
            constructor = new FunctionConstructor(registered.getTargetClass()) {
                @Override
                public Object construct() {
                    return target;
                }
            };
        }
    }
}
