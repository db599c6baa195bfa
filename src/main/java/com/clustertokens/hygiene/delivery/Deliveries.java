package com.clustertokens.hygiene.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.error.DeliveryFailedException;
import com.clustertokens.error.SinkFailedException;
import com.clustertokens.hygiene.report.HygieneReport;
import com.clustertokens.hygiene.report.HygieneReport.Delivery.Outcome;

/**
 * Sends the summary to every configured sink; a failing sink does not stop the others. For an identified run with
 * a run table, each sink gets it once: a retry sends only to the sinks that failed (see {@link RunRecord}).
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private final DeliveryConfig config;
    private final SnsSink sns;
    private final SlackSink slack;
    private final RunRecord record;

    public Deliveries(DeliveryConfig config, SnsSink sns, SlackSink slack, RunRecord record) {
        this.config = config;
        this.sns = sns;
        this.slack = slack;
        this.record = record;
    }

    /** The summary an earlier attempt of this run sent, so a retry sends the very same without reading the cluster. */
    public Optional<String> earlierSummary(String runKey) {
        return runKey != null && record.enabled() && !sinks().isEmpty() ? record.summary(runKey) : Optional.empty();
    }

    /**
     * To each sink not served yet by this run ({@code runKey} null: an unidentified run, served every time); throws
     * {@link DeliveryFailedException} naming those that failed.
     */
    public List<HygieneReport.Delivery> deliver(String runKey, String run, String summary) {
        boolean recorded = runKey != null && record.enabled();
        if (runKey != null && !recorded) {
            LOG.warnf("HYGIENE_RUN_TABLE is not set: a retry of %s would deliver its report again", run);
        }
        List<HygieneReport.Delivery> outcomes = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        sinks().forEach((sink, send) -> {
            try {
                Optional<Outcome> earlier = recorded ? record.claim(runKey, run, sink, summary) : Optional.empty();
                if (earlier.isPresent()) {
                    LOG.infof("%s: not sent again to %s (%s)", run, sink, earlier.get().wire());
                    outcomes.add(new HygieneReport.Delivery(sink, earlier.get()));
                    return;
                }
                try {
                    send.accept(summary);
                } catch (SinkFailedException e) {
                    if (recorded && !e.mayHaveDelivered()) {
                        record.release(runKey, sink);
                    }
                    throw e;
                }
                if (recorded) {
                    record.delivered(runKey, sink);
                }
                outcomes.add(new HygieneReport.Delivery(sink, Outcome.DELIVERED));
            } catch (SinkFailedException e) {
                failed.add(sink);
                reasons.add(sink + ": " + e.getMessage() + (recorded && e.mayHaveDelivered()
                        ? " (it may have been delivered, so no retry of this run sends it again)"
                        : ""));
            }
        });
        if (!failed.isEmpty()) {
            DeliveryFailedException failure = new DeliveryFailedException(failed, reasons);
            LOG.error(failure.getMessage());
            throw failure;
        }
        return outcomes;
    }

    private Map<String, Consumer<String>> sinks() {
        Map<String, Consumer<String>> sinks = new LinkedHashMap<>();
        config.snsTopicArn().ifPresent(topic -> sinks.put("sns", summary -> sns.publish(topic, summary)));
        if (slack.enabled()) {
            sinks.put("slack", slack::post);
        }
        return sinks;
    }

    static String marker(int originalChars) {
        return "\n…[truncated: the summary has " + originalChars + " characters; the full report is in the "
                + "function's result and log]";
    }

    /**
     * A message cut to a sink's size limit, ending with a marker that says so; never splits a character: {@code text}
     * if it fits {@code max} (UTF-8 bytes, else UTF-16 units), else its start and the marker.
     */
    static String fit(String text, int max, boolean utf8Bytes) {
        if (size(text, utf8Bytes) <= max) {
            return text;
        }
        String marker = marker(text.length());
        int budget = max - size(marker, utf8Bytes);
        int end = 0;
        for (int used = 0, codePoint; end < text.length(); end += Character.charCount(codePoint)) {
            codePoint = text.codePointAt(end);
            used += !utf8Bytes
                    ? Character.charCount(codePoint)
                    : codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (used > budget) {
                break;
            }
        }
        return text.substring(0, end) + marker;
    }

    private static int size(String text, boolean utf8Bytes) {
        return utf8Bytes ? text.getBytes(StandardCharsets.UTF_8).length : text.length();
    }
}
