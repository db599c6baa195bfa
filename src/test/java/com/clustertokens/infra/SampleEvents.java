package com.clustertokens.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample events in infra/events, named {@code <function>.<trigger>[-<variant>].json}: the function they are for,
 * then how it is invoked (direct, sqs, schedule-v2, scheduled-event).
 */
final class SampleEvents {

    static final Path DIR = Path.of("infra", "events");

    /**
     * Samples whose function or trigger handling is not in this build yet, with what they wait for. Each is still
     * checked for its name and JSON; remove its line once its handling lands and its sample test runs it.
     */
    static final Map<String, String> PENDING = Map.of(
            "create-token.sqs.json", "SQS batch handling in create-token (later issue)");

    /** Triggers a template event type delivers, as named in sample file names. */
    static final Map<String, String> TRIGGER_OF_EVENT_TYPE = Map.of(
            "SQS", "sqs", "ScheduleV2", "schedule-v2", "Schedule", "scheduled-event");

    private SampleEvents() {
    }

    static List<Path> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String function(Path sample) {
        return sample.getFileName().toString().split("\\.")[0];
    }

    /** The trigger without its variant: "direct" for direct-stale-after. */
    static String trigger(Path sample) {
        String[] parts = sample.getFileName().toString().split("\\.");
        if (parts.length != 3) {
            return "";
        }
        return TRIGGER_OF_EVENT_TYPE.containsValue(parts[1]) ? parts[1] : parts[1].split("-")[0];
    }

    /** Samples for {@code function} that its sample test must run now. */
    static Stream<Path> runnable(String function, String trigger) {
        return all().stream().filter(sample -> function(sample).equals(function) && trigger(sample).equals(trigger))
                .filter(sample -> !PENDING.containsKey(sample.getFileName().toString()));
    }

    static String read(Path sample) {
        try {
            return Files.readString(sample);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test class that runs a function's samples: create-token → CreateTokenSampleEventsTest. */
    static String testClassFor(String function) {
        StringBuilder name = new StringBuilder(SampleEvents.class.getPackageName()).append('.');
        for (String word : function.split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.append("SampleEventsTest").toString();
    }
}
