package com.clustertokens.invocation;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Starts the invocation's deadline clock as the function is entered, before input is bound or checked. */
@Invocation
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class InvocationInterceptor {

    private final InvocationDeadline deadline;

    public InvocationInterceptor(InvocationDeadline deadline) {
        this.deadline = deadline;
    }

    @AroundInvoke
    Object start(InvocationContext context) throws Exception {
        deadline.start();
        return context.proceed();
    }
}
