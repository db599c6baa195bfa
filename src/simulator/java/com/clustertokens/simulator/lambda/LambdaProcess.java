package com.clustertokens.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda execution environment: a child JVM started the way the managed Java runtime starts it — the AWS
 * Lambda Runtime Interface Client's {@code AWSLambda} main with the handler as argument, the unzipped
 * function.zip as working directory (the RIC loads the function from there and its {@code lib/}, as from
 * {@code /var/task}) — polling a {@link RuntimeApi} of its own.
 */
final class LambdaProcess implements AutoCloseable {

    static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";

    private final RuntimeApi api;
    private final Process process;
    private final long startedNanos;
    private final Path gcLog;

    private LambdaProcess(RuntimeApi api, Process process, long startedNanos, Path gcLog) {
        this.api = api;
        this.process = process;
        this.startedNanos = startedNanos;
        this.gcLog = gcLog;
    }

    /**
     * Starts the environment. {@code taskRoot} is the unzipped function, {@code ricClasspath} the runtime
     * client's jars, {@code env} the function's own variables (QUARKUS_FUNQY_EXPORT, DT_*).
     */
    static LambdaProcess start(Path taskRoot, String ricClasspath, List<String> jvmFlags, Map<String, String> env,
            Path workDir, String label) throws IOException {
        RuntimeApi api = new RuntimeApi();
        Path gcLog = workDir.resolve(label + "-gc.log");
        Path output = workDir.resolve(label + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        // Profiling hook, e.g. -Dbench.functionJvmExtra=-XX:StartFlightRecording=filename=/tmp/f.jfr
        String extra = System.getProperty("bench.functionJvmExtra", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-cp");
        command.add(ricClasspath);
        command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
        command.add(HANDLER);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("JAVA_TOOL_OPTIONS") || k.startsWith("MAVEN")
                || k.startsWith("QUARKUS_"));
        environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
        environment.put("_HANDLER", HANDLER);
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "bench-" + label);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench-" + label);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]bench");
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("AWS_DEFAULT_REGION", "eu-west-1");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.put("TZ", ":UTC");
        environment.putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        return new LambdaProcess(api, process, started, gcLog);
    }

    /** Invokes with {@code event}, waiting at most {@code timeoutSeconds}; fails if the runtime died. */
    RuntimeApi.Outcome invoke(String event, int timeoutSeconds) throws Exception {
        CompletableFuture<RuntimeApi.Outcome> result = api.invoke(event);
        CompletableFuture<Object> dead = process.onExit().thenApply(p -> "exit " + p.exitValue());
        Object first = CompletableFuture.anyOf(result, dead, api.initError())
                .get(timeoutSeconds, TimeUnit.SECONDS);
        if (first instanceof RuntimeApi.Outcome outcome) {
            return outcome;
        }
        throw new IllegalStateException("the function runtime failed (" + first + "); see its log");
    }

    /** CPU time (user + system, all threads) the JVM has used so far: robust against a busy machine. */
    long cpuMillis() {
        return process.info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    }

    /** Milliseconds from the JVM's start to its first poll for work: the init phase. */
    long initMillis() throws InterruptedException, ExecutionException, TimeoutException {
        return TimeUnit.NANOSECONDS.toMillis(api.firstPoll().get(120, TimeUnit.SECONDS) - startedNanos);
    }

    /** A SnapStart init: milliseconds from the JVM's start to the point where Lambda would take the snapshot. */
    long snapshotMillis() throws InterruptedException, ExecutionException, TimeoutException {
        return TimeUnit.NANOSECONDS.toMillis(api.restoreNext().get(300, TimeUnit.SECONDS) - startedNanos);
    }

    /** A SnapStart init: milliseconds from the "restore" to the first poll for work (the afterRestore hooks). */
    long restoreMillis() throws InterruptedException, ExecutionException, TimeoutException {
        long restored = api.restoreNext().get(300, TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toMillis(api.firstPoll().get(120, TimeUnit.SECONDS) - restored);
    }

    /** Milliseconds from the JVM's start to the moment {@code outcome} arrived. */
    long sinceStartMillis(RuntimeApi.Outcome outcome) {
        return TimeUnit.NANOSECONDS.toMillis(outcome.answeredNanos() - startedNanos);
    }

    /** The peak heap over this environment's life; valid after {@link #close()}. */
    GcLog gc() throws IOException {
        return GcLog.read(gcLog);
    }

    static String classpath(List<Path> jars) {
        return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        api.close();
    }
}
