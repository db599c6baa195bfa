package com.clustertokens.hygiene.page;

/**
 * The document around a page's sections: one file with its style inline and no script, font or image from
 * anywhere, so it opens alike from S3, an e-mail attachment or a local folder. The content security policy says so
 * to the browser too: nothing may load, nothing may run.
 */
final class PageShell {

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

    private PageShell() {
    }

    /** The whole document: {@code title} (escaped here) and the body's sections (already safe HTML). */
    static String document(String title, CharSequence body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; img-src data:\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n"
                + "<title>" + Html.text(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + body + "<footer>Written by cluster-token-functions (stale-tokens). Self-contained: no script, font "
                + "or image is loaded from anywhere.</footer>\n</main>\n</body>\n</html>\n";
    }
}
