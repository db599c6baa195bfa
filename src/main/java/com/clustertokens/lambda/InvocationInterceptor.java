package com.clustertokens.lambda;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import com.clustertokens.logging.LogFields;

import io.quarkus.funqy.Funq;

/**
 * Starts the invocation's deadline clock as the function is entered, before input is bound or checked, and names the
 * function on every log line of the invocation (field {@value #FUNCTION}).
 */
@Invocation
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class InvocationInterceptor {

    /** The log field naming the function. */
    public static final String FUNCTION = "function";

    private final InvocationDeadline deadline;

    public InvocationInterceptor(InvocationDeadline deadline) {
        this.deadline = deadline;
    }

    @AroundInvoke
    Object start(InvocationContext context) throws Exception {
        deadline.start();
        Funq funq = context.getMethod().getAnnotation(Funq.class);
        if (funq == null) {
            return context.proceed();
        }
        LogFields.put(FUNCTION, funq.value().isEmpty() ? context.getMethod().getName() : funq.value());
        try {
            return context.proceed();
        } finally {
            LogFields.remove(FUNCTION);
        }
    }
}
