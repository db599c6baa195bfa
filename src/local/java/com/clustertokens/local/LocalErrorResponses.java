package com.clustertokens.local;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.TokenFunctionException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Local runs only: answers a failed function call with the same {@code errorType}/{@code errorMessage} a Lambda
 * caller reads, instead of Funqy HTTP's bare 500 page.
 */
@ApplicationScoped
public class LocalErrorResponses {

    private final ObjectMapper mapper;

    public LocalErrorResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(-100).failureHandler(this::respond);
    }

    private void respond(RoutingContext context) {
        TokenFunctionException failure = find(context.failure());
        if (failure == null || context.response().headWritten()) {
            context.next();
            return;
        }
        int status = failure instanceof InvalidInputException ? 400 : 500;
        try {
            context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(mapper.writeValueAsString(java.util.Map.of(
                            "errorType", "io.quarkus.funqy.runtime.ApplicationException",
                            "errorMessage", failure.toString())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            context.next();
        }
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
