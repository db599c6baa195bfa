package com.clustertokens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

import io.quarkus.logging.json.runtime.JsonFormatter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The console's JSON formatter as application.properties configures it for Lambda (the prod profile). */
public final class ProdJsonFormatter {

    private ProdJsonFormatter() {
    }

    public static JsonFormatter create() {
        try {
            String excluded = new SmallRyeConfigBuilder().withProfile("prod").withSources(new PropertiesConfigSource(
                    ProdJsonFormatter.class.getResource("/application.properties"))).build()
                    .getValue("quarkus.log.console.json.excluded-keys", String.class);
            JsonFormatter formatter = new JsonFormatter();
            formatter.setExcludedKeys(Set.of(excluded.split(",")));
            formatter.setPrintDetails(false);
            return formatter;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
