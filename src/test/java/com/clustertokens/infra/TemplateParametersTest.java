package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The template's parameters as a person meets them in the CloudFormation console and in {@code sam deploy --guided}:
 * grouped, labelled, described, and each refused there when the functions or AWS would refuse it; and ARNs that
 * deploy in every partition.
 */
class TemplateParametersTest {

    /** A literal partition in an ARN: the stack would deploy only there (aws-cn, aws-us-gov need theirs). */
    private static final Pattern LITERAL_PARTITION = Pattern.compile("arn:aws(-[a-z]+)*:");

    private final SamTemplate template = SamTemplate.load();
    private final Map<String, Object> interfaceMetadata = map(map(template.root().get("Metadata"))
            .get("AWS::CloudFormation::Interface"));

    @Test
    void putsEveryParameterInExactlyOneLabelledGroup() {
        List<Object> grouped = new ArrayList<>();
        for (Object group : list(interfaceMetadata.get("ParameterGroups"))) {
            assertThat(String.valueOf(map(map(group).get("Label")).get("default"))).as("a group's label")
                    .isNotBlank();
            grouped.addAll(list(map(group).get("Parameters")));
        }

        assertThat(grouped).as("the parameters of all groups").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(template.parameters().keySet());
    }

    @Test
    void labelsAndDescribesEveryParameter() {
        Map<String, Object> labels = map(interfaceMetadata.get("ParameterLabels"));

        assertThat(labels.keySet()).containsExactlyInAnyOrderElementsOf(template.parameters().keySet());
        template.parameters().forEach((name, parameter) -> {
            assertThat(String.valueOf(map(labels.get(name)).get("default"))).as(name + " label").isNotBlank();
            assertThat(map(parameter).get("Description")).as(name + " Description").isInstanceOf(String.class);
            assertThat(String.valueOf(map(parameter).get("Description"))).as(name + " Description").isNotBlank();
        });
    }

    @Test
    void constrainsEveryParameterAndItsDefaultMeetsTheConstraint() {
        template.parameters().forEach((name, value) -> {
            Map<String, Object> parameter = map(value);
            Object fallback = parameter.get("Default");
            assertThat(parameter.keySet()).as(name + " has a constraint")
                    .containsAnyOf("AllowedValues", "AllowedPattern", "MinValue", "MaxLength");
            if (parameter.containsKey("AllowedPattern")) {
                assertThat(parameter.get("ConstraintDescription")).as(name + " tells what its pattern wants")
                        .isNotNull();
                assertThat(String.valueOf(fallback)).as(name + " default")
                        .matches(String.valueOf(parameter.get("AllowedPattern")));
            }
            if (parameter.containsKey("AllowedValues")) {
                assertThat(list(parameter.get("AllowedValues"))).as(name + " default").contains(fallback);
            }
            if (parameter.containsKey("MinValue")) {
                assertThat(parameter).as(name + " bounds").containsKey("MaxValue");
                assertThat(((Number) fallback).longValue()).as(name + " default")
                        .isBetween(((Number) parameter.get("MinValue")).longValue(),
                                ((Number) parameter.get("MaxValue")).longValue());
            }
        });
    }

    @Test
    void namesNoPartitionLiterallySoTheStackDeploysInEveryPartition() throws IOException {
        List<String> literal = new ArrayList<>();
        List<String> lines = Files.readAllLines(SamTemplate.PATH);
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = LITERAL_PARTITION.matcher(lines.get(i));
            if (matcher.find()) {
                literal.add((i + 1) + ": " + lines.get(i).strip());
            }
        }

        assertThat(literal).as("lines of " + SamTemplate.PATH + " naming a partition").isEmpty();
        assertThat(map(map(map(template.resources().get("FleetStateMachine")).get("Properties"))
                .get("DefinitionSubstitutions")).get("LambdaInvoke"))
                .isEqualTo(Map.of("Fn::Sub", "arn:${AWS::Partition}:states:::lambda:invoke"));
    }

    @ParameterizedTest(name = "ScheduleExpression \"{0}\": {1}")
    @CsvSource(delimiter = '|', value = {"cron(0 3 * * ? *)|true", "cron(15 2 ? * MON-FRI *)|true",
            "rate(1 day)|true", "rate(12 hours)|true", "at(2026-12-24T18:00:00)|true", "cron(0 3 * * ?)|false",
            "0 3 * * *|false", "rate(0 days)|false", "rate(1 week)|false", "'cron(0 3 * * ? *) '|false",
            "at(2026-12-24 18:00)|false", "''|false"})
    void acceptsTheSchedulerExpressionsSchedulerAccepts(String expression, boolean accepted) {
        assertThat(matches("ScheduleExpression", expression)).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "ScheduleTimezone \"{0}\": {1}")
    @CsvSource(delimiter = '|', value = {"UTC|true", "Europe/Vienna|true", "America/Argentina/Buenos_Aires|true",
            "Etc/GMT+5|true", "EST5EDT|true", "Europe Vienna|false", "/Vienna|false", "Europe/|false", "''|false"})
    void acceptsTimeZoneNamesOnly(String zone, boolean accepted) {
        assertThat(matches("ScheduleTimezone", zone)).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "ReportEmail \"{0}\": {1}")
    @CsvSource(delimiter = '|', value = {"''|true", "ops@example.com|true", "first.last+tokens@mail.example.org|true",
            "ops|false", "ops@example|false", "a@b.com,c@d.com|false", "ops @example.com|false"})
    void acceptsOneEmailAddressOrNone(String address, boolean accepted) {
        assertThat(matches("ReportEmail", address)).isEqualTo(accepted);
    }

    private boolean matches(String parameter, String value) {
        return Pattern.compile(String.valueOf(map(template.parameters().get(parameter)).get("AllowedPattern")))
                .matcher(value).matches();
    }
}
