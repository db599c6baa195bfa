package com.clustertokens.snapstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.clustertokens.simulator.SimulatedCluster;
import com.clustertokens.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The simulated cluster behind a loopback TCP relay that counts the connections clients open to it: a reused
 * (pooled) connection is not counted again, a new one is.
 */
public class ConnectionCountingClusterResource implements QuarkusTestResourceLifecycleManager {

    /** Connections opened to the cluster so far. */
    static final AtomicInteger CONNECTIONS = new AtomicInteger();

    private SimulatedCluster cluster;
    private ServerSocket relay;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "connection-counting-relay");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public Map<String, String> start() {
        cluster = SimulatedCluster.start(0, TestTokens.API_TOKEN);
        URI target = URI.create(cluster.url());
        try {
            relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads.execute(() -> {
            while (!relay.isClosed()) {
                try {
                    Socket client = relay.accept();
                    CONNECTIONS.incrementAndGet();
                    Socket server = new Socket(target.getHost(), target.getPort());
                    threads.execute(() -> pipe(client, server));
                    threads.execute(() -> pipe(server, client));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return Map.of("dt.cluster-url", "http://127.0.0.1:" + relay.getLocalPort(), "dt.api-token",
                TestTokens.API_TOKEN);
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // The other side closed: so does this direction.
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void stop() {
        try {
            relay.close();
        } catch (IOException e) {
            // already closed
        }
        threads.shutdownNow();
        cluster.stop();
    }
}
