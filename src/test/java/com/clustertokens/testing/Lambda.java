package com.clustertokens.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Invokes the exported function the way Lambda does, through Quarkus's mock event server. */
public final class Lambda {

    /** Port of the mock event server in test mode (8081 unless -Dquarkus.lambda.mock-event-server.test-port=…). */
    public static final int EVENT_SERVER_PORT = Integer.getInteger("quarkus.lambda.mock-event-server.test-port", 8081);

    private Lambda() {
    }

    /** Posts {@code payload} (serialised to JSON unless it is a String) as the invocation event. */
    public static ValidatableResponse invoke(Object payload) {
        return given().port(EVENT_SERVER_PORT).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(payload).when().post("/").then();
    }

    /** Invokes and expects a success, returning the response for assertions. */
    public static ValidatableResponse invokeOk(Object payload) {
        return invoke(payload).statusCode(200);
    }

    /** Invokes and expects the function to fail, returning the error message the caller would read. */
    public static String invokeFailing(Object payload) {
        return invoke(payload).statusCode(500).extract().path("errorMessage");
    }
}
