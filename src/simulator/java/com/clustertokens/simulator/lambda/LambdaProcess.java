package com.clustertokens.simulator.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * One Lambda execution environment: a child JVM started the way the managed Java runtime starts it — the AWS
 * Lambda Runtime Interface Client's {@code AWSLambda} main with the handler as argument, the unzipped
 * function.zip as working directory (the RIC loads the function from there and its {@code lib/}, as from
 * {@code /var/task}) — polling a {@link RuntimeApi} of its own. Its environment holds only what Lambda sets and
 * what the caller gives, never the parent's (no developer's AWS profile, no stray QUARKUS_ or DT_ variable).
 */
public final class LambdaProcess implements AutoCloseable {

    /** The account in the invoked function's ARN; moto's default account, so the stand-ins agree on it. */
    public static final String ACCOUNT = "123456789012";

    /** Where the RIC loads its native client from when set; else it unpacks it to one shared /tmp file. */
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi"
            + ".NativeClient.JNI";
    private static final Map<String, Path> JNI_LIBRARIES = new ConcurrentHashMap<>();

    private final RuntimeApi api;
    private final Process process;
    private final long startedNanos;
    private final Path log;

    private LambdaProcess(RuntimeApi api, Process process, long startedNanos, Path log) {
        this.api = api;
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /**
     * Starts the environment. {@code taskRoot} is the unzipped function, {@code ricClasspath} the runtime client's
     * jars, {@code handler} as the template's Handler ({@code class::method}), {@code env} the function's own
     * variables (QUARKUS_FUNQY_EXPORT, DT_*, and any of Lambda's to override, such as AWS_REGION), {@code timeout}
     * its Timeout (each invocation's Context counts down from it); the JVM's output goes to {@code log}.
     */
    public static LambdaProcess start(Path taskRoot, String ricClasspath, String handler, String functionName,
            List<String> jvmFlags, Map<String, String> env, Duration timeout, Path log) throws IOException {
        String region = env.getOrDefault("AWS_REGION", "eu-west-1");
        RuntimeApi api = new RuntimeApi("arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + functionName,
                timeout);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-D" + JNI_PROPERTY + "=" + jniLibrary(ricClasspath));
        command.add("-cp");
        command.add(ricClasspath);
        command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
        command.add(handler);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        if (path != null) {
            environment.put("PATH", path);
        }
        Map<String, String> lambda = new LinkedHashMap<>();
        lambda.put("AWS_LAMBDA_RUNTIME_API", api.address());
        lambda.put("_HANDLER", handler);
        lambda.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        lambda.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        lambda.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        lambda.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        lambda.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        lambda.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]local");
        lambda.put("AWS_REGION", region);
        lambda.put("AWS_DEFAULT_REGION", region);
        lambda.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        lambda.put("TZ", ":UTC");
        environment.putAll(lambda);
        environment.putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        return new LambdaProcess(api, process, started, log);
    }

    /** Invokes with {@code event}, waiting at most {@code timeoutSeconds}; fails if the runtime died. */
    public RuntimeApi.Outcome invoke(String event, int timeoutSeconds) throws Exception {
        CompletableFuture<RuntimeApi.Outcome> result = api.invoke(event);
        Object first = CompletableFuture.anyOf(result, died(), api.initError()).get(timeoutSeconds, TimeUnit.SECONDS);
        if (first instanceof RuntimeApi.Outcome outcome) {
            return outcome;
        }
        throw new IllegalStateException("the function runtime failed (" + first + "); see " + log);
    }

    /** Waits until the runtime asks for its first event (init over, SnapStart hooks included); fails if it died. */
    public void awaitReady(int timeoutSeconds) throws Exception {
        Object first = CompletableFuture.anyOf(api.firstPoll(), died(), api.initError())
                .get(timeoutSeconds, TimeUnit.SECONDS);
        if (!(first instanceof Long)) {
            throw new IllegalStateException("the function runtime failed in init (" + first + "); see " + log);
        }
    }

    private CompletableFuture<Object> died() {
        return process.onExit().thenApply(p -> "exit " + p.exitValue());
    }

    /** Where the JVM's output (the function's log lines) goes. */
    public Path log() {
        return log;
    }

    /** CPU time (user + system, all threads) the JVM has used so far: robust against a busy machine. */
    public long cpuMillis() {
        return process.info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    }

    /** Milliseconds from the JVM's start to its first poll for work: the init phase. */
    public long initMillis() throws InterruptedException, ExecutionException, TimeoutException {
        return TimeUnit.NANOSECONDS.toMillis(api.firstPoll().get(120, TimeUnit.SECONDS) - startedNanos);
    }

    /** A SnapStart init: milliseconds from the JVM's start to the point where Lambda would take the snapshot. */
    public long snapshotMillis() throws InterruptedException, ExecutionException, TimeoutException {
        return TimeUnit.NANOSECONDS.toMillis(api.restoreNext().get(300, TimeUnit.SECONDS) - startedNanos);
    }

    /** A SnapStart init: milliseconds from the "restore" to the first poll for work (the afterRestore hooks). */
    public long restoreMillis() throws InterruptedException, ExecutionException, TimeoutException {
        long restored = api.restoreNext().get(300, TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toMillis(api.firstPoll().get(120, TimeUnit.SECONDS) - restored);
    }

    /** Milliseconds from the JVM's start to the moment {@code outcome} arrived. */
    public long sinceStartMillis(RuntimeApi.Outcome outcome) {
        return TimeUnit.NANOSECONDS.toMillis(outcome.answeredNanos() - startedNanos);
    }

    /**
     * The RIC's native client, unpacked once into a directory of this JVM's own: left to itself, every RIC writes it
     * to the same /tmp/.libaws-lambda-jni.so, and environments starting together (here or in another build on the
     * machine) load each other's half-written copy and crash.
     */
    private static Path jniLibrary(String ricClasspath) {
        return JNI_LIBRARIES.computeIfAbsent(ricClasspath, classpath -> {
            String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
            String entry = "jni/libaws-lambda-jni.linux-" + arch + ".so";
            for (String jar : classpath.split(File.pathSeparator)) {
                try (ZipFile zip = new ZipFile(jar)) {
                    ZipEntry library = zip.getEntry(entry);
                    if (library != null) {
                        Path target = Files.createTempDirectory("lambda-ric-jni").resolve("libaws-lambda-jni.so");
                        try (InputStream in = zip.getInputStream(library)) {
                            Files.copy(in, target);
                        }
                        target.toFile().deleteOnExit();
                        target.getParent().toFile().deleteOnExit();
                        return target;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("could not unpack " + entry + " from " + jar, e);
                }
            }
            throw new IllegalStateException("no " + entry + " in the Runtime Interface Client: " + classpath);
        });
    }

    /** Unzips a function's zip into {@code target} (emptied first), as Lambda lays it out in /var/task. */
    public static Path unzip(Path zip, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                }
            }
        }
        return target;
    }

    public static String classpath(List<Path> jars) {
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
