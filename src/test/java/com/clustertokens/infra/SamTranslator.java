package com.clustertokens.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * infra/template.yaml through the AWS::Serverless transform, as CloudFormation applies it at deployment: the SAM
 * translator cfn-lint brings (src/test/python/sam_translate.py), run offline. What it gives is the plain
 * CloudFormation the stack is made of, its conditions still to be evaluated ({@link TemplateConditions}).
 */
final class SamTranslator {

    private static final Path SCRIPT = Path.of("src", "test", "python", "sam_translate.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Guards against a hung interpreter only; a translation takes a second or two. */
    private static final int TIMEOUT_SECONDS = 300;

    private SamTranslator() {
    }

    /** The translated template for {@code parameters} (the others at their defaults), with its conditions. */
    static TemplateConditions translate(Map<String, String> parameters) {
        try {
            Path out = Files.createTempFile("sam-translated", ".json");
            Path err = Files.createTempFile("sam-translate", ".err");
            try {
                Process process = new ProcessBuilder(List.of("python3", SCRIPT.toString(), SamTemplate.PATH.toString(),
                        JSON.writeValueAsString(parameters))).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the SAM translation did not end within " + TIMEOUT_SECONDS
                            + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("the SAM translator refused the template (python3 " + SCRIPT
                            + "): " + Files.readString(err, StandardCharsets.UTF_8).strip());
                }
                Map<String, Object> root = JSON.readValue(out.toFile(), new TypeReference<Map<String, Object>>() {
                });
                return TemplateConditions.of(root, parameters);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("python3 is needed to translate the template (with the SAM translator: "
                    + "pip install cfn-lint)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while translating the template", e);
        }
    }
}
