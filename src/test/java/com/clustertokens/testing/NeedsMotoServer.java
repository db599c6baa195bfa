package com.clustertokens.testing;

/**
 * Marks a test resource that starts {@link MotoServer}: {@link RequiredTools} then checks, before Quarkus starts the
 * resource, that moto_server is installed.
 */
public interface NeedsMotoServer {
}
