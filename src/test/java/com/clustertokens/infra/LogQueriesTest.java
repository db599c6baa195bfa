package com.clustertokens.infra;

import static com.clustertokens.infra.SamTemplate.list;
import static com.clustertokens.infra.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.clustertokens.cluster.ClusterClients;
import com.clustertokens.hygiene.HygieneService;
import com.clustertokens.lambda.InvocationInterceptor;
import com.clustertokens.lambda.LambdaHandler;
import com.clustertokens.testing.ProdJsonFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stack's saved Logs Insights queries against the lines the functions write: each field a query reads is one the
 * console's JSON formatter writes (as the prod profile configures it, with the fields the code sets), and each query
 * reads the log groups of the functions it is about.
 */
class LogQueriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Logs Insights' words and functions the queries use; any other name is a field of the log line. */
    private static final Set<String> LANGUAGE = Set.of("fields", "filter", "sort", "asc", "desc", "limit", "and", "or",
            "not", "like", "in", "as", "ispresent", "coalesce");
    /** The fields CloudWatch Logs adds to every line, and Lambda's on its START, END and REPORT lines. */
    private static final Set<String> SYSTEM_FIELDS = Set.of("@timestamp", "@message", "@logStream", "@requestId");
    private static final Pattern NAME = Pattern.compile("@?[A-Za-z_][A-Za-z0-9_.]*");

    private final SamTemplate template = SamTemplate.load();
    private final Map<String, Map<String, Object>> queries = template.resourcesOfType("AWS::Logs::QueryDefinition");

    @AfterEach
    void clearFields() {
        MDC.clear();
    }

    @Test
    void readsOnlyFieldsTheFunctionsJsonLinesHave() throws Exception {
        MDC.put(InvocationInterceptor.FUNCTION, "remediate-tokens");
        MDC.put(ClusterClients.LOG_FIELD, "prod-eu");
        MDC.put(HygieneService.RUN_ID, "schedule at 2026-11-01T03:00:00Z");
        MDC.put(LambdaHandler.REQUEST_ID, "8f2b3c4d-0000-4000-8000-000000000001");
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "revoke %s (%s): done", ExtLogRecord.FormatStyle.PRINTF,
                LogQueriesTest.class.getName());
        record.setParameters(new Object[]{"5b1f0e3a-0000-4000-8000-000000000002", "old-backup-job"});
        record.copyMdc();
        JsonNode line = JSON.readTree(ProdJsonFormatter.create().format(record));

        assertThat(queries).hasSize(3);
        queries.forEach((id, query) -> fields(queryString(query)).forEach(field -> {
            if (field.startsWith("@")) {
                assertThat(SYSTEM_FIELDS).as(id + " reads " + field).contains(field);
            } else {
                assertThat(line.at("/" + field.replace('.', '/')).isMissingNode()).as(id + " reads " + field
                        + ", which the JSON line " + line + " does not have").isFalse();
            }
        }));
    }

    @Test
    void tonightsRunReadsTheLogsOfEveryFunctionTheNightlyStateMachineInvokes() {
        Set<String> invoked = new LinkedHashSet<>();
        Map<String, Object> stateMachine = map(template.resources().get("FleetStateMachine"));
        map(map(stateMachine.get("Properties")).get("DefinitionSubstitutions")).values().forEach(value -> {
            Object ref = map(value).get("Ref");
            if (ref != null && ref.toString().endsWith(".Alias")) {
                invoked.add(logGroupOf(ref.toString().replace(".Alias", "")));
            }
        });

        assertThat(logGroups("NightlyRunQuery")).containsExactlyInAnyOrderElementsOf(invoked);
    }

    @Test
    void aFailedRequestIsFoundByItsRequestIdInEveryFunctionsLogsWithTheLineThatSaysWhy() {
        Set<String> all = new LinkedHashSet<>();
        template.functions().keySet().forEach(function -> all.add(logGroupOf(function)));
        String query = queryString(queries.get("FailedRequestQuery"));

        assertThat(logGroups("FailedRequestQuery")).containsExactlyInAnyOrderElementsOf(all);
        assertThat(query).contains("mdc." + LambdaHandler.REQUEST_ID + " = \"REQUEST_ID\"")
                .contains("\"" + InvocationInterceptor.FAILED + "\"");
    }

    @Test
    void everyActionOnATokenReadsTheLogsOfTheFunctionsThatCreateRevokeDeleteOrRestoreTokens() {
        List<String> acting = new ArrayList<>();
        for (String function : List.of("CreateTokenFunction", "RemediateTokensFunction", "RestoreTokenFunction",
                "RotateTokenFunction", "RotationFollowUpFunction", "RotateSecretFunction")) {
            acting.add(logGroupOf(function));
        }

        assertThat(logGroups("TokenActionsQuery")).containsExactlyInAnyOrderElementsOf(acting);
        assertThat(queryString(queries.get("TokenActionsQuery"))).contains("filter message like \"TOKEN\"");
    }

    @Test
    void savesEachQueryInTheStacksFolder() {
        queries.forEach((id, query) -> assertThat(String.valueOf(map(map(query.get("Properties")).get("Name"))
                .get("Fn::Sub"))).as(id).startsWith("${AWS::StackName}/"));
    }

    /** The names a query reads: not its comments, strings, Logs Insights' own words or the aliases it makes. */
    static Set<String> fields(String query) {
        Set<String> fields = new LinkedHashSet<>();
        for (String line : query.lines().filter(l -> !l.strip().startsWith("#")).toList()) {
            Matcher names = NAME.matcher(line.replaceAll("\"[^\"]*\"", "\"\""));
            String previous = null;
            while (names.find()) {
                String name = names.group();
                if (!LANGUAGE.contains(name) && !"as".equals(previous)) {
                    fields.add(name);
                }
                previous = name;
            }
        }
        return fields;
    }

    private List<String> logGroups(String query) {
        List<String> groups = new ArrayList<>();
        list(map(queries.get(query).get("Properties")).get("LogGroupNames")).forEach(group -> groups.add(String
                .valueOf(map(group).get("Ref"))));
        return groups;
    }

    /** The log group a function writes to: the one it depends on, named /aws/lambda/<its FunctionName>. */
    private String logGroupOf(String function) {
        Map<String, Object> resource = map(template.resources().get(function));
        String group = String.valueOf(resource.get("DependsOn"));
        Object name = map(map(template.resources().get(group)).get("Properties")).get("LogGroupName");
        Object functionName = map(resource.get("Properties")).get("FunctionName");
        assertThat(map(name).get("Fn::Sub")).as(function + "'s log group")
                .isEqualTo("/aws/lambda/" + map(functionName).get("Fn::Sub"));
        return group;
    }

    private static String queryString(Map<String, Object> query) {
        return String.valueOf(map(query.get("Properties")).get("QueryString"));
    }

    @Test
    void readsAFieldsNamesAndLeavesOutWordsStringsCommentsAndAliases() {
        assertThat(fields("# fields ignored, message\nfields @timestamp, mdc.cluster, coalesce(message, @message) as "
                + "line\n| filter level like \"ERROR x\" and ispresent(exception.message)")).containsExactly(
                        "@timestamp", "mdc.cluster", "message", "@message", "level", "exception.message");
    }
}
