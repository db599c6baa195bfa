package com.clustertokens.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every link between the README and docs/ leads somewhere: the file exists, and an anchor names one of its headings
 * as GitHub renders them. Links out of the repository are not checked (no network here).
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

    @Test
    void everyLinkInTheReadmeAndDocsLeadsToAFileAndHeadingThatExist() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            for (String target : links(page)) {
                String why = brokenBecause(page, target);
                if (why != null) {
                    broken.add(page + ": (" + target + ") " + why);
                }
            }
        }

        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertEquals("1-build", slug("1. Build"));
        assertEquals("restore-path-snapstart", slug("Restore path (SnapStart)"));
        assertEquals("fleets-many-clusters-one-deployment", slug("Fleets: many clusters, one deployment"));
        assertEquals("the-create-token-function", slug("The `create-token` function"));
    }

    private static String brokenBecause(Path page, String target) {
        if (target.matches("^[a-z]+:.*")) {
            return null; // https:, mailto: … outside the repository
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path linked = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
            return "no such file";
        }
        if (hash < 0 || !linked.toString().endsWith(".md")) {
            return null;
        }
        String anchor = target.substring(hash + 1);
        return anchors(linked).contains(anchor) ? null : "no heading with anchor #" + anchor;
    }

    /** The link targets of a page, outside code blocks (where brackets are shell or JSON, not links). */
    private static List<String> links(Path page) {
        List<String> targets = new ArrayList<>();
        boolean code = false;
        for (String line : read(page)) {
            if (line.strip().startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    private static Set<String> anchors(Path page) {
        boolean[] code = {false};
        return read(page).stream().filter(line -> {
            if (line.strip().startsWith("```")) {
                code[0] = !code[0];
                return false;
            }
            return !code[0];
        }).map(HEADING::matcher).filter(Matcher::matches).map(m -> slug(m.group(1))).collect(Collectors.toSet());
    }

    /** GitHub's heading anchor: lower case, punctuation but hyphens and underscores dropped, spaces as hyphens. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static List<String> read(Path page) {
        try {
            return Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
