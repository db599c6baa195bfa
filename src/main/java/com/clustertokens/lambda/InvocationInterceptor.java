package com.clustertokens.lambda;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.Logger;

import com.clustertokens.error.TokenFunctionException;
import com.clustertokens.logging.LogFields;

import io.quarkus.funqy.Funq;

/**
 * Starts the invocation's deadline clock as the function is entered, before input is bound or checked, and names the
 * function on every log line of the invocation (field {@value #FUNCTION}); a failed invocation ends with one line
 * saying why ({@value #FAILED} and the error as the caller reads it), beside Lambda's request id (field requestId),
 * which the Lambda runtime's own error record does not carry.
 */
@Invocation
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class InvocationInterceptor {

    public static final String FUNCTION = "function";
    /** Starts the line of a failed invocation (the template's "why did this request fail" query shows it). */
    public static final String FAILED = "Request failed: ";

    private static final Logger LOG = Logger.getLogger(InvocationInterceptor.class);

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
        } catch (TokenFunctionException e) {
            // A failure kind the caller can act on: its message says it all, without a stack trace.
            LOG.warn(FAILED + e);
            throw e;
        } catch (RuntimeException e) {
            LOG.error(FAILED + e, e);
            throw e;
        } finally {
            LogFields.put(FUNCTION, null);
        }
    }
}
