package com.clustertokens.hygiene;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import com.clustertokens.error.InvalidInputException;
import com.clustertokens.error.Quoted;
import com.clustertokens.hygiene.HygieneSettings.ClusterDefaults;
import com.clustertokens.hygiene.census.NamePatterns;
import com.clustertokens.hygiene.report.StalePeriod;
import com.clustertokens.lambda.EventBridgeEvent;
import com.clustertokens.lambda.RequestReader;
import com.clustertokens.lambda.Timestamp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns what invoked stale-tokens (a request, a ScheduleV2 fixed input, or an EventBridge Scheduled Event) into
 * the run's parameters, checking every rule before anything is sent to the cluster.
 */
@ApplicationScoped
public class HygieneRequests {

    private final RequestReader reader;
    private final HygieneConfig config;
    private final Clock clock = Clock.systemUTC();

    public HygieneRequests(RequestReader reader, HygieneConfig config) {
        this.reader = reader;
        this.config = config;
    }

    /** What invoked stale-tokens, bound once: the request, and the Scheduled Event that carried it (null: none). */
    record Bound(StaleTokensRequest request, EventBridgeEvent event) {
    }

    /** Binds strictly; the rules are checked against the selected cluster's settings by {@link #resolve}. */
    Bound bind(JsonNode input) {
        if (!EventBridgeEvent.isEnvelope(input)) {
            return new Bound(reader.read(input, StaleTokensRequest.class), null);
        }
        EventBridgeEvent event = reader.read(input, EventBridgeEvent.class);
        if (!EventBridgeEvent.SCHEDULED.equals(event.detailType())) {
            throw new InvalidInputException("detail-type: expected '" + EventBridgeEvent.SCHEDULED
                    + "' (an EventBridge schedule), got " + Quoted.of(event.detailType()));
        }
        if (event.time() == null) {
            throw new InvalidInputException("time: is required in a Scheduled Event");
        }
        if (!hasRequest(event)) {
            return new Bound(StaleTokensRequest.empty(), event);
        }
        // A non-empty detail (a custom event, or a rule's input) is a request: its problems are named detail.*
        try {
            return new Bound(reader.read(event.detail(), StaleTokensRequest.class), event);
        } catch (InvalidInputException e) {
            throw e.under("detail");
        }
    }

    /** The run's parameters; throws {@link InvalidInputException} naming each field and rule broken. */
    HygieneRun resolve(Bound input, ClusterDefaults byDefault) {
        EventBridgeEvent event = input.event();
        if (event == null) {
            return fromRequest(input.request(), null, null, "request", byDefault);
        }
        // A Scheduled Event's time becomes `now`: a retried delivery of the same event then yields the same cutoff.
        String trigger = "scheduled event " + Quoted.bare(event.id()) + " at " + event.time().toInstant();
        // The event's id is the same on every delivery of it: the run's identity.
        String id = event.id() == null ? null : "event " + event.id() + " at " + event.time().toInstant();
        try {
            return fromRequest(input.request(), event.time(), id, trigger, byDefault);
        } catch (InvalidInputException e) {
            throw hasRequest(event) ? e.under("detail") : e;
        }
    }

    private static boolean hasRequest(EventBridgeEvent event) {
        JsonNode detail = event.detail();
        return detail != null && !detail.isNull() && !(detail.isObject() && detail.isEmpty());
    }

    private HygieneRun fromRequest(StaleTokensRequest request, Timestamp eventTime, String eventId, String trigger,
            ClusterDefaults byDefault) {
        List<String> problems = new ArrayList<>();
        String id = eventId;
        if (request.scheduledTime() != null) {
            // EventBridge Scheduler's <aws.scheduler.scheduled-time>: the same on every retry of one scheduled run.
            if (request.now() != null || request.to() != null) {
                problems.add("scheduledTime: cannot be combined with now or to; it is the run's reference time");
            }
            id = "schedule at " + request.scheduledTime().toInstant();
            trigger = eventId == null ? id : trigger;
        }
        StalePeriod staleAfter = null;
        if (request.staleAfter() != null) {
            staleAfter = StalePeriod.parse("staleAfter", request.staleAfter(), problems);
            if (request.from() != null || request.to() != null) {
                problems.add("staleAfter: cannot be combined with from/to; give either a staleAfter duration or an "
                        + "explicit from/to window");
            }
        }
        if (request.to() != null && request.from() == null) {
            problems.add("to: requires from (the window's start, which is the stale cutoff)");
        }
        if (request.to() != null && request.now() != null) {
            problems.add("now: cannot be combined with to, which is the window's end and the report's reference time");
        }
        if (request.user() != null && request.user().isBlank()) {
            problems.add("user: must not be blank when given");
        }
        for (int i = 0; request.permissions() != null && i < request.permissions().size(); i++) {
            if (request.permissions().get(i) == null) {
                problems.add("permissions[" + i + "]: must be a cluster token scope, not null");
            }
        }
        NamePatterns exclusions = NamePatterns.of(config.autoCreatedNames(),
                byDefault.withExclusions(request.exclude()), problems);
        Instant now = Stream.of(request.to(), request.now(), request.scheduledTime(), eventTime)
                .filter(Objects::nonNull).findFirst().map(Timestamp::toInstant).orElseGet(clock::instant);
        Instant cutoff = null;
        if (request.from() != null) {
            cutoff = request.from().toInstant();
            if (!cutoff.isBefore(now)) {
                problems.add((request.to() != null ? "from: must be before to (" : "from: must be before now (")
                        + cutoff + " >= " + now + ")");
            }
        } else if (problems.isEmpty()) {
            StalePeriod effective = staleAfter != null ? staleAfter : byDefault.staleAfter();
            cutoff = now.minus(effective.length());
            if (cutoff.isBefore(Instant.EPOCH)) {
                problems.add("staleAfter: " + effective.text() + " reaches back before 1970-01-01T00:00:00Z");
            }
            staleAfter = effective;
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new HygieneRun(now, cutoff, staleAfter, trigger, id, request.user(),
                request.permissions() == null ? List.of() : request.permissions(), exclusions);
    }
}
