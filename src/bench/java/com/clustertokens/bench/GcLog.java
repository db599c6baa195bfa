package com.clustertokens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak heap from a child JVM's {@code -Xlog:gc:file=…}: the largest heap occupancy seen just before a collection
 * (what the JVM actually had to hold, garbage included) and the largest live set left after one.
 */
record GcLog(long peakBeforeGcBytes, long maxAfterGcBytes, int collections) {

    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    static GcLog read(Path file) throws IOException {
        long before = 0;
        long after = 0;
        int count = 0;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    before = Math.max(before, bytes(m.group(1), m.group(2)));
                    after = Math.max(after, bytes(m.group(3), m.group(4)));
                    count++;
                }
            }
        }
        return new GcLog(before, after, count);
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }

    String peakMb() {
        return collections == 0 ? "n/a (no GC)" : (peakBeforeGcBytes >> 20) + " MB";
    }

    String liveMb() {
        return collections == 0 ? "n/a" : (maxAfterGcBytes >> 20) + " MB";
    }
}
