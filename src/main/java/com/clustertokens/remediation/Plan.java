package com.clustertokens.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.security.Masked;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** What a run would do; when the actions exceed the policy's {@code maxActions}, none is done. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(List<Planned> revoke, List<Planned> delete, List<Upcoming> upcoming, List<Held> held,
        int maxActions, boolean exceedsMaxActions) {

    /** With the metadata the plan saw: right before acting, the token is read again and left alone if that changed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Planned(Action action, String id, @Masked String name, @Masked String owner, Instant lastUse,
            Instant created, Instant expires, Instant revokedAt, @Masked String reason) {
    }

    /**
     * A token this system revoked, to be deleted at {@code deleteAt} if it stays revoked and unused; with
     * {@code revokeAt}, one a rotation superseded, revoked then (its grace ends) and deleted at {@code deleteAt}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Upcoming(String id, @Masked String name, @Masked String owner, Instant revokedAt,
            Instant deleteAt, Instant revokeAt) {

        public Upcoming(String id, String name, String owner, Instant revokedAt, Instant deleteAt) {
            this(id, name, owner, revokedAt, deleteAt, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Held(String id, @Masked String name, @Masked String owner, @Masked String why) {
    }

    Plan withoutDeletesOf(Set<String> ids, String why) {
        if (delete.stream().noneMatch(p -> ids.contains(p.id()))) {
            return this;
        }
        List<Held> moreHeld = new ArrayList<>(held);
        delete.stream().filter(p -> ids.contains(p.id())).forEach(p -> moreHeld.add(new Held(p.id(), p.name(),
                p.owner(), why)));
        List<Planned> deletes = delete.stream().filter(p -> !ids.contains(p.id())).toList();
        return new Plan(revoke, deletes, upcoming, List.copyOf(moreHeld), maxActions,
                revoke.size() + deletes.size() > maxActions);
    }

    @JsonIgnore
    public int actions() {
        return revoke.size() + delete.size();
    }

    /** The deletions first (decided runs ago), then the revokes. */
    @JsonIgnore
    public List<Planned> inOrder() {
        return java.util.stream.Stream.concat(delete.stream(), revoke.stream()).toList();
    }
}
