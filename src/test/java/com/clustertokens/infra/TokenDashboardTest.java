package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterRegistry;
import com.clustertokens.fleet.FleetSummary;
import com.clustertokens.hygiene.report.HygieneMetrics;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.remediation.RunOutcome;
import com.clustertokens.rotation.FollowUpService;
import com.clustertokens.testing.EmfLines;
import com.clustertokens.token.CreateTokenMetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stack's dashboard against what is measured: each metric of the product's own namespaces it shows is one the
 * code prints (namespace, name and dimensions, as the EMF lines declare them) or the template's metric filter makes,
 * and it shows every one of them; AWS's metrics it shows are of this stack's resources; its alarm widget shows every
 * alarm of the stack.
 */
class TokenDashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A SEARCH expression's schema and metric name: {Namespace,Dimension,...} MetricName="Name". */
    private static final Pattern SEARCH = Pattern.compile("SEARCH\\('\\{([^}]*)} MetricName=\"([A-Za-z]+)\"'");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9:]+)(\\.[A-Za-z]+)?}");

    private final SamTemplate template = SamTemplate.load();
    private final Map<String, Object> dashboard = map(single(template.resourcesOfType("AWS::CloudWatch::Dashboard"))
            .get("Properties"));

    /** One metric as CloudWatch tells metrics apart: namespace, name and the names of its dimensions. */
    record Metric(String namespace, String name, Set<String> dimensions) {
    }

    @Test
    void showsExactlyTheMetricsTheCodePrintsAndTheMetricFilterMakesInTheProductsNamespaces() throws Exception {
        Set<Metric> shown = new HashSet<>();
        for (List<Object> entry : metricEntries(body())) {
            Metric metric = metric(entry);
            if (metric != null && !metric.namespace().startsWith("AWS/")) {
                shown.add(metric);
            }
        }

        assertThat(shown).containsExactlyInAnyOrderElementsOf(measured());
    }

    @Test
    void showsAwsMetricsOnlyOfThisStacksStateMachineAndDeadLetterQueues() throws Exception {
        List<String> dimensions = new ArrayList<>();
        for (List<Object> entry : metricEntries(body())) {
            if (entry.get(0) instanceof String namespace && namespace.startsWith("AWS/")) {
                dimensions.add(namespace + " " + entry.get(1) + " " + entry.get(2) + "=" + entry.get(3));
            }
        }

        assertThat(dimensions).containsExactlyInAnyOrder(
                "AWS/States ExecutionsSucceeded StateMachineArn=<FleetStateMachine>",
                "AWS/States ExecutionsFailed StateMachineArn=<FleetStateMachine>",
                "AWS/SQS ApproximateNumberOfMessagesVisible QueueName=<CreateTokenDeadLetterQueue.QueueName>",
                "AWS/SQS ApproximateNumberOfMessagesVisible QueueName=<ScheduleDeadLetterQueue.QueueName>");
    }

    @Test
    void showsTheStateOfEveryAlarmTheStackAlwaysHas() throws Exception {
        Set<String> listed = new TreeSet<>();
        for (JsonNode widget : body().get("widgets")) {
            if (widget.get("type").asText().equals("alarm")) {
                widget.at("/properties/alarms").forEach(alarm -> listed.add(alarm.asText()));
            }
        }
        Set<String> always = new TreeSet<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            if (!alarm.containsKey("Condition")) {
                always.add("<" + id + ".Arn>");
            }
        });

        assertThat(listed).isEqualTo(always);
    }

    @Test
    void alarmsOnEveryOutcomeAPersonMustActOnAndNotifiesTheReportTopic() {
        String topic = template.resourcesOfType("AWS::SNS::Topic").keySet().iterator().next();
        List<String> watched = new ArrayList<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            Map<String, Object> p = map(alarm.get("Properties"));
            assertThat(p.get("AlarmActions")).isEqualTo(List.of(Map.of("Ref", topic)));
            assertThat(p.get("Threshold")).isEqualTo(1);
            assertThat(p.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
            watched.add(p.get("Namespace") + " " + p.get("MetricName") + " " + list(p.get("Dimensions")).stream()
                    .map(d -> map(d).get("Value")).toList());
        });

        assertThat(watched).as("a failed nightly run, a cluster it could not report, a failed or unknown action, a "
                + "dead letter").contains(
                        "AWS/States ExecutionsFailed [{Ref=FleetStateMachine}]",
                        "ClusterTokenFleet FailedClusters []",
                        "ClusterTokenRemediation FailedActions []",
                        "AWS/SQS ApproximateNumberOfMessagesVisible [{Fn::GetAtt=[CreateTokenDeadLetterQueue, QueueName]}]",
                        "AWS/SQS ApproximateNumberOfMessagesVisible [{Fn::GetAtt=[ScheduleDeadLetterQueue, QueueName]}]");
        assertThat(measured()).as("the fleet's metric is the one FleetSummary prints")
                .contains(new Metric("ClusterTokenFleet", "FailedClusters", Set.of()));
    }

    @Test
    void namesOnlyResourcesAndPseudoParametersOfTheStackAndLaysItsWidgetsOnTheGrid() throws Exception {
        Matcher references = SUBSTITUTION.matcher(String.valueOf(dashboard.get("DashboardBody")));
        while (references.find()) {
            String name = references.group(1);
            assertThat(name.startsWith("AWS::") || template.resources().containsKey(name)).as(name).isTrue();
        }
        for (JsonNode widget : body().get("widgets")) {
            assertThat(widget.get("x").asInt() + widget.get("width").asInt()).as(widget.toString())
                    .isLessThanOrEqualTo(24);
        }
    }

    /** What the code prints (each EMF line as it declares itself) and the template's metric filters make. */
    private Set<Metric> measured() {
        HygieneReport.Counts counts = new HygieneReport.Counts(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        List<String> lines = List.of(HygieneMetrics.line(JSON, "https://c.example.com", counts, 0L),
                new RunOutcome("run", true, null, 1, 1, 1, 1, 1, 1, null, null).metricsLine("https://c.example.com",
                        0L),
                CreateTokenMetrics.line(CreateTokenMetrics.Outcome.CREATED, 0L),
                FleetSummary.metricsLine(JSON, 1, 1, 0L),
                FollowUpService.metricsLine("https://c.example.com", "revoke-done", 1, 0L));
        Set<Metric> measured = new HashSet<>();
        for (String line : lines) {
            JsonNode emf = EmfLines.parse(line).get(0);
            JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
            Set<String> dimensions = new HashSet<>();
            directive.get("Dimensions").get(0).forEach(d -> dimensions.add(d.asText()));
            EmfLines.names(emf).forEach(name -> measured.add(new Metric(directive.get("Namespace").asText(), name,
                    dimensions)));
        }
        // ClusterRegistry prints its line itself, with no dimension.
        measured.add(new Metric(ClusterRegistry.METRICS_NAMESPACE, ClusterRegistry.REFRESH_FAILED, Set.of()));
        template.resourcesOfType("AWS::Logs::MetricFilter").values().forEach(filter -> list(map(filter.get(
                "Properties")).get("MetricTransformations")).forEach(t -> measured.add(new Metric(String.valueOf(
                        map(t).get("MetricNamespace")), String.valueOf(map(t).get("MetricName")), Set.of()))));
        return measured;
    }

    /** The body as CloudWatch reads it, each ${Name} or ${Name.Attribute} as {@code <Name>} or {@code <Name.Attribute>}. */
    private JsonNode body() throws Exception {
        Object sub = map(dashboard.get("DashboardBody")).get("Fn::Sub");
        assertThat(sub).as("DashboardBody is one !Sub string").isInstanceOf(String.class);
        return JSON.readTree(SUBSTITUTION.matcher((String) sub).replaceAll(m -> "<" + m.group(1)
                + (m.group(2) == null ? "" : m.group(2)) + ">"));
    }

    /** Every entry of every metric widget's {@code metrics}: a metric, or a one-element expression. */
    private static List<List<Object>> metricEntries(JsonNode body) {
        List<List<Object>> entries = new ArrayList<>();
        for (JsonNode widget : body.get("widgets")) {
            if (widget.get("type").asText().equals("metric")) {
                widget.at("/properties/metrics").forEach(entry -> entries.add(JSON.convertValue(entry, List.class)));
            }
        }
        assertThat(entries).isNotEmpty();
        return entries;
    }

    /** The metric an entry shows: [namespace, name, dimension, value, ..., options] or a SEARCH expression. */
    private static Metric metric(List<Object> entry) {
        if (entry.get(0) instanceof Map<?, ?> expression) {
            Matcher search = SEARCH.matcher(String.valueOf(expression.get("expression")));
            assertThat(search.find()).as("an expression shows a SEARCH of one metric: " + expression).isTrue();
            List<String> schema = List.of(search.group(1).split(","));
            return new Metric(schema.get(0), search.group(2), new HashSet<>(schema.subList(1, schema.size())));
        }
        assertThat(entry.get(0)).as("no '.' shorthand: each entry names its namespace").isNotEqualTo(".");
        Set<String> dimensions = new HashSet<>();
        for (int i = 2; i + 1 < entry.size() && entry.get(i) instanceof String; i += 2) {
            dimensions.add((String) entry.get(i));
        }
        return new Metric((String) entry.get(0), (String) entry.get(1), dimensions);
    }

    private static Map<String, Object> single(Map<String, Map<String, Object>> resources) {
        assertThat(resources).hasSize(1);
        return resources.values().iterator().next();
    }
}
