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
 * {@code <script>} is text and no secret pasted into a name is shown. A page is one file with its style inline and no
 * script, font or image from anywhere, so it opens alike from S3, an e-mail attachment or a local folder; its
 * content security policy says so to the browser too: nothing may load, nothing may run.
 */
final class Html {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            :root{color-scheme:light;--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--band:#f4f6f9;--used:#2f6fb0;\
            --stale:#c8641b;--never:#8a93a3;--bad:#b42318;--good:#1f7a3d}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;\
            color:var(--ink);background:#fff}
            main{max-width:1100px;margin:0 auto;padding:24px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);\
            padding-bottom:4px}
            .meta{color:var(--muted);margin:0 0 16px}
            .counts{display:flex;flex-wrap:wrap;gap:8px;padding:0;margin:0;list-style:none}
            .counts li{background:var(--band);border:1px solid var(--line);border-radius:6px;padding:8px 12px;\
            min-width:110px}
            .counts b{display:block;font-size:20px}.counts span{color:var(--muted);font-size:12px}
            .counts .stale b{color:var(--stale)}
            table{border-collapse:collapse;width:100%;font-size:13px}
            th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
            th{background:var(--band);font-weight:600}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            td.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;white-space:nowrap}
            .warn{background:#fff4e5;border:1px solid #f2c38b;border-radius:6px;padding:8px 12px}
            .fail{color:var(--bad)}.added{color:var(--stale)}.removed{color:var(--good)}
            .muted{color:var(--muted)}
            svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
            .bar.used{fill:var(--used)}.bar.stale{fill:var(--stale)}.bar.never{fill:var(--never)}
            footer{margin-top:32px;color:var(--muted);font-size:12px}
            """;

    private Html() {
    }

    /** The whole document: {@code title} (escaped here) and the body's sections (already safe HTML). */
    static String document(String title, CharSequence body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; img-src data:\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n"
                + "<title>" + text(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + body + "<footer>Written by cluster-token-functions (stale-tokens). Self-contained: no script, font "
                + "or image is loaded from anywhere.</footer>\n</main>\n</body>\n</html>\n";
    }

    /** The value masked and escaped; an em dash for null. */
    static String text(Object value) {
        return value == null ? "—" : escape(Secrets.mask(String.valueOf(value)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** A time as {@code <time>}: minute precision to read, the exact instant in its attribute; "—" for null. */
    static String time(Instant instant) {
        return instant == null ? "—" : "<time datetime=\"" + instant + "\">" + MINUTE.format(instant) + "</time>";
    }

    /** "today", "1 day ago", "412 days ago": how long before {@code now} an instant was. */
    static String ago(Instant instant, Instant now) {
        long days = Duration.between(instant, now).toDays();
        if (days <= 0) {
            return instant.isAfter(now) ? "after the report's time" : "today";
        }
        return days + (days == 1 ? " day ago" : " days ago");
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
