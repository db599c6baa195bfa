package com.clustertokens.rotation;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of rotate-token and the rotations' follow-up, each also read from its variable (ROTATION_*). */
@ConfigMapping(prefix = "rotation")
public interface RotationConfig {

    /** How long an old token stays valid after its rotation before it is revoked: a stale period, PT1H to P90D (ROTATION_GRACE). */
    @WithDefault("P7D")
    String grace();

    /** Time a rotation may spend after its create (the ledger's write, the follow-up's schedule); part of the time an SQS message needs to be started (ROTATION_HANDOFF_TIME). */
    @WithDefault("5s")
    Duration handoffTime();

    /** EventBridge Scheduler group of the one-time follow-up schedules; absent: none made, the nightly run follows up (ROTATION_SCHEDULE_GROUP). */
    Optional<String> scheduleGroup();

    /** ARN of the rotation-follow-up function a schedule invokes (ROTATION_FOLLOW_UP_ARN). */
    Optional<String> followUpArn();

    /** ARN of the role EventBridge Scheduler invokes the follow-up with (ROTATION_SCHEDULER_ROLE_ARN). */
    Optional<String> schedulerRoleArn();
}
