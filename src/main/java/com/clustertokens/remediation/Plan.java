package com.clustertokens.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.clustertokens.remediation.LedgerEntry.Action;
import com.clustertokens.security.Masked;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a run would do; when the actions exceed the policy's {@code maxActions}, none is done but the rotations'
 * follow-ups, which never count toward it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(List<Planned> revoke, List<Planned> delete, List<Upcoming> upcoming, List<Held> held,
        int maxActions, boolean exceedsMaxActions) {

    /**
     * With the metadata the plan saw: right before acting, the token is read again and left alone if that changed.
     * {@code rotation} true: a rotation's follow-up (the revoke or delete the person who rotated asked for).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Planned(Action action, String id, @Masked String name, @Masked String owner, Instant lastUse,
            Instant created, Instant expires, Instant revokedAt, @Masked String reason, Boolean rotation) {

        @JsonIgnore
        boolean followUp() {
            return Boolean.TRUE.equals(rotation);
        }
    }

    /** The plan of these actions; only those that are not a rotation's follow-up count toward {@code maxActions}. */
    static Plan of(List<Planned> revoke, List<Planned> delete, List<Upcoming> upcoming, List<Held> held,
            int maxActions) {
        return new Plan(List.copyOf(revoke), List.copyOf(delete), List.copyOf(upcoming), List.copyOf(held),
                maxActions, counted(revoke, delete) > maxActions);
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
        return of(revoke, deletes, upcoming, moreHeld, maxActions);
    }

    /** Only the rotations' follow-ups: what a run over {@code maxActions} still does. */
    Plan followUpsOnly() {
        return of(revoke.stream().filter(Planned::followUp).toList(), delete.stream().filter(Planned::followUp)
                .toList(), upcoming, held, maxActions);
    }

    @JsonIgnore
    public int actions() {
        return revoke.size() + delete.size();
    }

    /** The actions that count toward {@code maxActions}: all but the rotations' follow-ups. */
    @JsonIgnore
    public int countedActions() {
        return counted(revoke, delete);
    }

    private static int counted(List<Planned> revoke, List<Planned> delete) {
        return (int) Stream.concat(revoke.stream(), delete.stream()).filter(p -> !p.followUp()).count();
    }

    /**
     * The rotations' follow-ups first (asked for by a person, and not held back by the cap), then the deletions
     * (decided runs ago), then the revokes.
     */
    @JsonIgnore
    public List<Planned> inOrder() {
        return Stream.of(delete.stream().filter(Planned::followUp), revoke.stream().filter(Planned::followUp),
                delete.stream().filter(p -> !p.followUp()), revoke.stream().filter(p -> !p.followUp()))
                .flatMap(s -> s).toList();
    }
}
