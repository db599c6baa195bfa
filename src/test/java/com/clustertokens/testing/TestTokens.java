package com.clustertokens.testing;

/** The API token the tests' clusters accept. It must never appear in any test output (see OutputLeakIT). */
public final class TestTokens {

    public static final String API_TOKEN = "dt0c01.TESTAPITOKEN000000000000." + "TESTSECRET".repeat(6) + "TEST";

    /** An opaque (legacy-format) secret, as older clusters issue them; no pattern recognises it, so it must be redacted as a known secret. */
    public static final String LEGACY_SECRET = "legacyOpaque" + "Secret4711xq";

    private TestTokens() {
    }

    /** Whether the header carries exactly the test API token; compared here so a failure never prints it. */
    public static boolean isApiTokenHeader(String authorizationHeader) {
        return ("Api-Token " + API_TOKEN).equals(authorizationHeader);
    }
}
