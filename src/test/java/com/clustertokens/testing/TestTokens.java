package com.clustertokens.testing;

/** The API token the tests' clusters accept. It must never appear in any test output (see OutputLeakIT). */
public final class TestTokens {

    public static final String API_TOKEN =
            "dt0c01.TESTAPITOKEN000000000000." + "TESTSECRET".repeat(6) + "TEST";

    private TestTokens() {
    }

    /** Whether the header carries exactly the test API token; compared here so a failure never prints it. */
    public static boolean isApiTokenHeader(String authorizationHeader) {
        return ("Api-Token " + API_TOKEN).equals(authorizationHeader);
    }
}
