package com.clustertokens.hygiene.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clustertokens.aws.SecretValues;
import com.clustertokens.error.SinkFailedException;
import com.clustertokens.error.TokenFunctionException;
import com.clustertokens.security.Secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Posts {@code {"text": summary}} to a Slack-compatible incoming webhook. The webhook URL is a secret (anyone
 * holding it can post): it is registered for redaction and only its host is ever logged or reported.
 */
@ApplicationScoped
public class SlackSink {

    /** Slack truncates longer message text; we cut it first, with a marker. */
    static final int MAX_TEXT_CHARS = 40_000;

    private static final Logger LOG = Logger.getLogger(SlackSink.class);
    private static final int MAX_QUOTED_BODY = 100;

    private final DeliveryConfig config;
    private final SecretValues secrets;
    private final ObjectMapper mapper;
    private HttpClient http;

    public SlackSink(DeliveryConfig config, SecretValues secrets, ObjectMapper mapper) {
        this.config = config;
        this.secrets = secrets;
        this.mapper = mapper;
    }

    boolean enabled() {
        return config.slackWebhookUrl().isPresent() || config.slackWebhookSecretArn().isPresent();
    }

    /** Posts; on failure throws {@link SinkFailedException} naming only the webhook's host. */
    void post(String summary) {
        URI webhook = webhook();
        String body;
        try {
            body = mapper.writeValueAsString(Map.of("text", Deliveries.fit(escape(summary), MAX_TEXT_CHARS,
                    false)));
        } catch (JsonProcessingException e) {
            throw new SinkFailedException("the message could not be written as JSON");
        }
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new SinkFailedException("webhook at " + webhook.getHost() + " could not be reached: "
                    + e.getClass().getSimpleName());
        } catch (IOException e) {
            // The post left (or may have): without an answer it may have been delivered.
            throw new SinkFailedException("webhook at " + webhook.getHost() + " gave no answer: "
                    + e.getClass().getSimpleName(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkFailedException("interrupted while posting to the webhook at " + webhook.getHost(), true);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SinkFailedException("webhook at " + webhook.getHost() + " answered " + response.statusCode()
                    + quote(response.body()));
        }
        LOG.infof("Posted the report to the webhook at %s", webhook.getHost());
    }

    private URI webhook() {
        if (config.slackWebhookUrl().isPresent() && config.slackWebhookSecretArn().isPresent()) {
            throw new SinkFailedException("both HYGIENE_SLACK_WEBHOOK_URL and HYGIENE_SLACK_WEBHOOK_SECRET_ARN are "
                    + "set; set one");
        }
        String arn = config.slackWebhookSecretArn().orElse(null);
        String source = arn != null ? "the secret " + arn : "HYGIENE_SLACK_WEBHOOK_URL";
        String url;
        try {
            url = arn != null ? secrets.get(arn) : config.slackWebhookUrl().get().strip();
        } catch (TokenFunctionException e) {
            throw new SinkFailedException(e.getMessage());
        }
        Secrets.register(url);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new SinkFailedException("the webhook URL in " + source + " is not a URL");
        }
        boolean loopback = "http".equals(uri.getScheme()) && uri.getHost() != null
                && (uri.getHost().equals("localhost") || uri.getHost().startsWith("127."));
        if (!"https".equals(uri.getScheme()) && !loopback) {
            throw new SinkFailedException("the webhook URL in " + source + " must be an https URL");
        }
        if (uri.getHost() == null) {
            throw new SinkFailedException("the webhook URL in " + source + " names no host");
        }
        return uri;
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    // Slack reads <…> as links and mentions (<!channel>): a token name must not be able to ping a whole channel.
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String quote(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.replaceAll("\\s+", " ").strip();
        return ": " + Secrets.redact(line.length() > MAX_QUOTED_BODY ? line.substring(0, MAX_QUOTED_BODY) + "…" : line);
    }
}
