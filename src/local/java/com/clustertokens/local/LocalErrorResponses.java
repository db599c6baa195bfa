package com.clustertokens.local;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.TokenFunctionException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Local runs only: answers a failed function call with the same {@code errorType}/{@code errorMessage} a Lambda
 * caller reads, instead of Funqy HTTP's bare 500 page; and a request Funqy HTTP cannot bind (a body that is not JSON,
 * a GET from a browser) with the same error document, logged as one WARN line. On Lambda neither can happen: the
 * Invoke API accepts only a JSON payload, and there is no HTTP method.
 */
@ApplicationScoped
public class LocalErrorResponses {

    private static final Logger LOG = Logger.getLogger(LocalErrorResponses.class);

    private final ObjectMapper mapper;

    public LocalErrorResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(-100).failureHandler(this::respond);
    }

    private void respond(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        TokenFunctionException failure = find(context.failure());
        if (failure == null && context.failure() == null
                && (context.statusCode() == 400 || context.statusCode() == 405)) {
            failure = new InvalidInputException(unboundRequest(context));
            LOG.warnf("Refused the request (the caller's input, nothing was sent): %s", failure);
        }
        if (failure == null) {
            context.next();
            return;
        }
        int status = failure instanceof InvalidInputException ? 400 : 500;
        try {
            context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(mapper.writeValueAsString(new ErrorDocument(failure.toString(),
                            "io.quarkus.funqy.runtime.ApplicationException")));
        } catch (JsonProcessingException e) {
            context.next();
        }
    }

    /** Why Funqy HTTP could not bind the request: the rule, never the body's text (it may hold a secret). */
    private String unboundRequest(RoutingContext context) {
        String expected = "send POST with a JSON object body (Content-Type: application/json), as a Lambda invoke "
                + "payload";
        if (context.request().method() != HttpMethod.POST) {
            return "request: " + context.request().method() + " is not accepted; " + expected;
        }
        try {
            mapper.readTree(context.body().asString());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return "request: the body is not valid JSON" + (at == null
                    ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + "; " + expected;
        }
        return "request: the body could not be read; " + expected;
    }

    /** The fields a Lambda caller reads from a function error, in Lambda's order. */
    record ErrorDocument(String errorMessage, String errorType) {
    }

    private static TokenFunctionException find(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TokenFunctionException found) {
                return found;
            }
        }
        return null;
    }
}
