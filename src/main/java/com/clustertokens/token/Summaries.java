package com.clustertokens.token;

import com.clustertokens.cluster.TokenStub;

/** The chat summaries of create-token and list-tokens: a few plain lines, never a secret. */
final class Summaries {

    /** Tokens named in a list summary; the JSON beside it holds them all. */
    static final int MAX_LISTED = 25;

    private Summaries() {
    }

    static String created(CreatedToken result) {
        String token = "cluster token '" + result.name() + "'"
                + (result.identifier() == null ? "" : " (" + result.identifier() + ")")
                + (result.expires() == null ? "" : ", expiring " + result.expires());
        String where = result.delivery() == Delivery.SECRETS_MANAGER
                ? "Its secret is in AWS Secrets Manager: " + result.secretArn()
                : "Its secret was returned to the caller only, not shown here";
        if (Boolean.TRUE.equals(result.repeated())) {
            return "Already created for request " + result.idempotencyKey() + ": " + token + ". Nothing new was "
                    + "created. " + where + ".";
        }
        return "Created " + token + ". " + where + ".";
    }

    static String list(TokenList list) {
        StringBuilder text = new StringBuilder();
        text.append(list.totalCount()).append(list.totalCount() == 1 ? " token" : " tokens");
        if (list.truncated()) {
            text.append(" (the response holds the first ").append(list.values().size()).append(')');
        }
        if (list.mayBeIncomplete()) {
            text.append(" (the cluster's limit of ").append(list.totalCount())
                    .append(" was reached: there may be more; ask with a higher limit)");
        }
        text.append(list.values().isEmpty() ? "." : ":");
        int shown = Math.min(MAX_LISTED, list.values().size());
        for (TokenStub token : list.values().subList(0, shown)) {
            text.append("\n• ").append(token.name()).append(" (").append(token.id()).append(')');
        }
        if (list.values().size() > shown) {
            text.append("\n…and ").append(list.values().size() - shown).append(" more in the JSON result");
        }
        return text.toString();
    }
}
