package com.clustertokens.aws;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Links into the AWS console, for chat messages and pages that point at a report: whoever follows one signs in with
 * their own AWS login, and the object's access stays with IAM (nothing is made public, nothing expires).
 */
public final class ConsoleLinks {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private ConsoleLinks() {
    }

    /**
     * The console page of one S3 object ({@code key} in {@code bucket} of {@code region}), in the region's partition
     * (aws, aws-cn, aws-us-gov). Refuses a region or bucket name AWS would not accept, naming it.
     */
    public static String s3Object(String region, String bucket, String key) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region: '" + region + "' is not an AWS region name");
        }
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("bucket: '" + bucket + "' is not an S3 bucket name");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key: must not be empty");
        }
        return "https://" + region + "." + consoleHost(region) + "/s3/object/" + bucket + "?region=" + region
                + "&bucketType=general&prefix=" + encode(key);
    }

    private static String consoleHost(String region) {
        return region.startsWith("cn-")
                ? "console.amazonaws.cn"
                : region.startsWith("us-gov-") ? "console.amazonaws-us-gov.com" : "console.aws.amazon.com";
    }

    /** A query value: every reserved character escaped but '/', which the console shows as the key's folders. */
    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }
}
