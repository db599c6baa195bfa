package com.clustertokens.hygiene.page;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.clustertokens.security.Secrets;

/**
 * How a value reaches a page: masked like every text this code did not write (a token name, an owner, a cluster's
 * message: {@link Secrets#mask}), then escaped for HTML text and attribute values alike, so a token named
 * {@code <script>} is text and no secret pasted into a name is shown.
 */
final class Html {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** The value masked and escaped; an em dash for null. */
    static String text(Object value) {
        return value == null ? "—" : escape(Secrets.mask(String.valueOf(value)));
    }

    /** Escapes the five characters that could end a text or an attribute value. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A time as {@code <time>}: minute precision to read, the exact instant in its attribute; "—" for null. */
    static String time(Instant instant) {
        if (instant == null) {
            return "—";
        }
        return "<time datetime=\"" + instant + "\">" + MINUTE.format(instant) + "</time>";
    }

    /** "today", "1 day ago", "412 days ago": how long before {@code now} an instant was. */
    static String ago(Instant instant, Instant now) {
        long days = Duration.between(instant, now).toDays();
        if (days <= 0) {
            return instant.isAfter(now) ? "after the report's time" : "today";
        }
        return days + (days == 1 ? " day ago" : " days ago");
    }

    /** A thousands-separated count. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
