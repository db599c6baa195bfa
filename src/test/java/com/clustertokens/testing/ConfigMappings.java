package com.clustertokens.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A {@code @ConfigMapping} as the application reads it, from given properties and the mapping's own defaults. */
public final class ConfigMappings {

    private ConfigMappings() {
    }

    /**
     * The {@code type} mapping configured by {@code properties} ({@code remediation.delete-after} = {@code P7D}); a
     * duration reads as Quarkus reads it, {@code 1s} as well as {@code PT1S}.
     */
    public static <T> T of(Class<T> type, Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(type).withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 100)).build()
                .getConfigMapping(type);
    }
}
