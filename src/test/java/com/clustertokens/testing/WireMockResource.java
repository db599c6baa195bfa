package com.clustertokens.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server as a Quarkus test resource: subclasses say how it listens and what configuration points the
 * application at it; the server reaches the test through {@link InjectWireMock}. Its stubs may hold their answers
 * ({@link AnswerGate}).
 */
public abstract class WireMockResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    /** How the server listens (port, TLS). */
    protected abstract WireMockConfiguration options() throws Exception;

    /** The configuration that points the application at the started server. */
    protected abstract Map<String, String> config(WireMockServer server) throws Exception;

    @Override
    public final Map<String, String> start() {
        try {
            server = new WireMockServer(options().extensions(new AnswerGate.Listener()));
            server.start();
            return config(server);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start " + getClass().getSimpleName(), e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
