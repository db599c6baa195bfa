package com.clustertokens.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsoleLinksTest {

    @Test
    void linksAnS3ObjectInItsRegionsConsoleWithTheKeyEncoded() {
        assertThat(ConsoleLinks.s3Object("eu-west-1", "cluster-tokens-reports-123",
                "reports/2026-11-01T03:00:00Z/prod eu&1.html")).isEqualTo(
                        "https://eu-west-1.console.aws.amazon.com/s3/object/cluster-tokens-reports-123"
                                + "?region=eu-west-1&bucketType=general"
                                + "&prefix=reports/2026-11-01T03%3A00%3A00Z/prod%20eu%261.html");
    }

    @Test
    void usesTheConsoleOfTheRegionsPartition() {
        assertThat(ConsoleLinks.s3Object("cn-north-1", "b-1", "k")).startsWith(
                "https://cn-north-1.console.amazonaws.cn/s3/object/b-1?region=cn-north-1");
        assertThat(ConsoleLinks.s3Object("us-gov-west-1", "b-1", "k")).startsWith(
                "https://us-gov-west-1.console.amazonaws-us-gov.com/s3/object/b-1?region=us-gov-west-1");
    }

    @Test
    void refusesWhatIsNoRegionBucketOrKeyNamingIt() {
        assertThatThrownBy(() -> ConsoleLinks.s3Object("evil.example/x", "b-1", "k"))
                .hasMessage("region: 'evil.example/x' is not an AWS region name");
        assertThatThrownBy(() -> ConsoleLinks.s3Object("us-east-1", "Bad_Bucket", "k"))
                .hasMessage("bucket: 'Bad_Bucket' is not an S3 bucket name");
        assertThatThrownBy(() -> ConsoleLinks.s3Object("us-east-1", "b-1", ""))
                .hasMessage("key: must not be empty");
    }
}
