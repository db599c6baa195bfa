package com.clustertokens.snapstart;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silence while priming runs: no log record reaches a handler and nothing reaches stdout or stderr (where metrics
 * lines go), so nothing of the priming's stand-in work can be read as real work in the function's log.
 */
final class Quiet implements AutoCloseable {

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final List<Handler> handlers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();

    private Quiet() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handlers.add(handler);
            levels.add(handler.getLevel());
            handler.setLevel(Level.OFF);
        }
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
    }

    /** Silences until {@link #close()}. */
    static Quiet start() {
        return new Quiet();
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        for (int i = 0; i < handlers.size(); i++) {
            handlers.get(i).setLevel(levels.get(i));
        }
    }
}
