package com.clustertokens.rotation;

import java.time.Instant;

import com.clustertokens.security.Masked;
import com.clustertokens.token.Delivery;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What rotate-token answers: the old token's id and the replacement's ({@code newId}, its identifier
 * {@code dt0c01.<public>}), where the new secret went ({@code token} only when delivered by response), when the old
 * one is revoked and deleted, the schedule that does it, the command that keeps the old one instead, {@code repeated}
 * (the earlier rotation's answer: nothing created), a {@code note} and the chat {@code summary} when asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RotationResult(String cluster, String oldId, String newId, String identifier, @Masked String name,
        Delivery delivery, String token, String secretArn, Instant revokeDue, Instant deleteDue, String schedule,
        String restore, Boolean repeated, @Masked String note, @Masked String summary) {

    RotationResult withSummary(String text) {
        return new RotationResult(cluster, oldId, newId, identifier, name, delivery, token, secretArn, revokeDue,
                deleteDue, schedule, restore, repeated, note, text);
    }

    @Override
    public String toString() {
        return "RotationResult[oldId=" + oldId + ", newId=" + newId + ", identifier=" + identifier + ", revokeDue="
                + revokeDue + "]";
    }
}
