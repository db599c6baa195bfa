package com.clustertokens.hygiene.report;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import com.clustertokens.error.Quoted;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How long a token must go unused to be stale, as written in a request, in {@code HYGIENE_STALE_AFTER} and in the
 * template's {@code StaleAfter} parameter, which all accept exactly {@link #PATTERN}: whole days, weeks or hours.
 */
public record StalePeriod(@JsonValue String text, Duration length) {

    /**
     * The accepted periods: {@code P<days>D} (up to 9999), {@code P<weeks>W} (up to 999) or {@code PT<hours>H} (up
     * to 99999), a positive number without leading zeros. Months and years are refused: they have no fixed length.
     * The template's {@code StaleAfter} AllowedPattern is this very text (checked by TemplateTest).
     */
    public static final String PATTERN = "^(P[1-9][0-9]{0,3}D|P[1-9][0-9]{0,2}W|PT[1-9][0-9]{0,4}H)$";

    private static final String RULE = "is not a stale period: give a positive whole number of days (P90D), weeks "
            + "(P12W) or hours (PT36H); months and years are not fixed lengths, give days";

    private static final Pattern GRAMMAR = Pattern.compile(PATTERN);

    /** The period {@code text} stands for, or null when it breaks {@link #PATTERN}. */
    public static StalePeriod parseOrNull(String text) {
        if (text == null || !GRAMMAR.matcher(text).matches()) {
            return null;
        }
        char unit = text.charAt(text.length() - 1);
        long amount = Long.parseLong(text.substring(unit == 'H' ? 2 : 1, text.length() - 1));
        Duration length = switch (unit) {
            case 'D' -> Duration.ofDays(amount);
            case 'W' -> Duration.ofDays(7 * amount);
            default -> Duration.ofHours(amount);
        };
        return new StalePeriod(text, length);
    }

    /** Null when {@code text} breaks {@link #PATTERN}, adding a problem naming {@code field} to {@code problems}. */
    public static StalePeriod parse(String field, String text, List<String> problems) {
        StalePeriod period = parseOrNull(text);
        if (period == null) {
            problems.add(field + ": " + Quoted.of(text) + " " + RULE);
        }
        return period;
    }

    /** "90 days", "12 weeks", "36 hours": for the chat summary. */
    public String describe() {
        long amount = Long.parseLong(text.substring(text.charAt(1) == 'T' ? 2 : 1, text.length() - 1));
        String unit = switch (text.charAt(text.length() - 1)) {
            case 'D' -> "day";
            case 'W' -> "week";
            default -> "hour";
        };
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
